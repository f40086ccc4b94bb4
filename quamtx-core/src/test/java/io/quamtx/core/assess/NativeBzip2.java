package io.quamtx.core.assess;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * The system's libbz2 through JNA, the reference the computed bzip2 lengths are checked against.
 */
final class NativeBzip2 {
  private static final String[] NAMES = {"bz2", "libbz2.so.1.0", "libbz2.so.1"};
  private static final LibBz2 LIB = load();

  private NativeBzip2() {}

  /** libbz2's one-call compressor; the C names are kept. */
  interface LibBz2 extends Library {
    int BZ2_bzBuffToBuffCompress(
        byte[] dest,
        IntByReference destLen,
        byte[] source,
        int sourceLen,
        int blockSize100k,
        int verbosity,
        int workFactor);
  }

  static boolean available() {
    return LIB != null;
  }

  static int length(byte[] data) {
    byte[] dest = new byte[(int) Math.ceil(1.01 * data.length) + 600];
    IntByReference len = new IntByReference(dest.length);
    int rc = LIB.BZ2_bzBuffToBuffCompress(dest, len, data, data.length, 5, 0, 0);
    if (rc != 0) {
      throw new IllegalStateException("libbz2 compression failed with code " + rc);
    }
    return len.getValue();
  }

  private static LibBz2 load() {
    for (String name : NAMES) {
      try {
        return Native.load(name, LibBz2.class);
      } catch (UnsatisfiedLinkError e) {
        // try the next spelling of the library's name
      }
    }
    return null;
  }
}
