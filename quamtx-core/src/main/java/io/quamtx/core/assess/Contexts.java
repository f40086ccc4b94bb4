package io.quamtx.core.assess;

/**
 * Packs up to 16 symbols into two longs for the context tables: the j-th symbol back from the end
 * of the context sits in byte j-1 of the low word (j <= 8) or byte j-9 of the high word.
 */
final class Contexts {
  private Contexts() {}

  /** The packed context {@code s[from .. from+len-1]}. */
  static long[] forward(byte[] s, int from, int len) {
    long h = 0;
    long l = 0;
    for (int j = 1; j <= len; j++) {
      long sym = s[from + len - j] & 0xffL;
      if (j <= 8) {
        l |= sym << (8 * (j - 1));
      } else {
        h |= sym << (8 * (j - 9));
      }
    }
    return new long[] {h, l};
  }

  /** Keeps the last {@code len} symbols of a packed 16-symbol context. */
  static long low(long l, int len) {
    return len >= 8 ? l : l & ((1L << (8 * len)) - 1);
  }

  static long high(long h, int len) {
    return len <= 8 ? 0 : h & ((1L << (8 * (len - 8))) - 1);
  }
}
