package io.quamtx.core.drbg;

/** Big-endian byte-string arithmetic shared by the mechanisms. */
final class Bytes {
  private Bytes() {}

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  /** {@code dst[i] ^= src[i]} over the shorter of the two. */
  static void xorInto(byte[] dst, byte[] src) {
    xorInto(dst, 0, src);
  }

  static void xorInto(byte[] dst, int off, byte[] src) {
    int n = Math.min(src.length, dst.length - off);
    for (int i = 0; i < n; i++) {
      dst[off + i] ^= src[i];
    }
  }

  /** Adds one to a big-endian number, modulo 2^(8 * length). */
  static void increment(byte[] x) {
    for (int i = x.length - 1; i >= 0; i--) {
      if (++x[i] != 0) {
        return;
      }
    }
  }

  /** {@code x = (x + y) mod 2^(8 * x.length)}, with {@code y} right-aligned. */
  static void addInto(byte[] x, byte[] y) {
    int carry = 0;
    for (int i = x.length - 1, j = y.length - 1; i >= 0; i--, j--) {
      int sum = (x[i] & 0xff) + (j >= 0 ? y[j] & 0xff : 0) + carry;
      x[i] = (byte) sum;
      carry = sum >>> 8;
    }
  }

  /** Adds a non-negative long, modulo 2^(8 * x.length). */
  static void addInto(byte[] x, long y) {
    long carry = 0;
    for (int i = x.length - 1; i >= 0 && (y != 0 || carry != 0); i--) {
      long sum = (x[i] & 0xff) + (y & 0xff) + carry;
      x[i] = (byte) sum;
      carry = sum >>> 8;
      y >>>= 8;
    }
  }

  static void putInt(byte[] b, int off, int value) {
    b[off] = (byte) (value >>> 24);
    b[off + 1] = (byte) (value >>> 16);
    b[off + 2] = (byte) (value >>> 8);
    b[off + 3] = (byte) value;
  }
}
