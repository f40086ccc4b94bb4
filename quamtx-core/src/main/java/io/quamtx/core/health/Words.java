package io.quamtx.core.health;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Eight byte samples in one long, for the bulk health-test scans. */
final class Words {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
  private static final long HIGH = 0x8080808080808080L;

  private Words() {}

  /** buf[i .. i+7], buf[i] in the low byte. */
  static long read(byte[] buf, int i) {
    return (long) LONGS.get(buf, i);
  }

  /** {@code b} in every byte. */
  static long spread(int b) {
    return (b & 0xffL) * ONES;
  }

  /** The number of zero bytes in {@code x}, exactly (no borrow between bytes). */
  static int zeroBytes(long x) {
    long nonZero = ((x & LOW7) + LOW7) | x;
    return 8 - Long.bitCount(nonZero & HIGH);
  }

  static boolean hasZeroByte(long x) {
    return zeroBytes(x) != 0;
  }
}
