package io.quamtx.core.assess;

/**
 * The length of the longest repeated substring when it is shorter than eight samples, from the
 * sorted eight-sample windows instead of a suffix array. Two suffixes share a prefix of w < 8
 * samples exactly when their windows agree in the top w bytes, and the most similar pair of windows
 * is adjacent in sorted order, so one radix sort of the windows and one pass give the answer; the
 * seven suffixes too short for a window are compared with everything directly. For sampled noise of
 * six bits or more a repeat of eight samples is unlikely, and this costs a tenth of the suffix
 * array on 10^6 samples; when the windows show a repeat of eight or more, the caller falls back.
 */
final class ShortRepeats {
  /** Samples per window: a repeat this long or longer is beyond what the windows can measure. */
  static final int WIDTH = 8;

  private ShortRepeats() {}

  /**
   * Whether windows are likely to settle the question: fewer than one expected pair of equal
   * windows among IID samples whose collision probability is {@code pCol}.
   */
  static boolean worthTrying(int n, double pCol) {
    return n >= 2 * WIDTH && 0.5 * n * n * Math.pow(pCol, WIDTH) < 1.0;
  }

  /**
   * The longest repeated substring's length of {@code s} (overlaps allowed), or -1 when it is
   * {@link #WIDTH} or longer, or when {@code s} is too short for windows.
   */
  static int longest(byte[] s) {
    int n = s.length;
    if (n < 2 * WIDTH) {
      return -1;
    }
    long[] keys = sortedWindows(s);
    int best = 0;
    for (int i = 1; i < keys.length; i++) {
      best = Math.max(best, common(keys[i], keys[i - 1]));
    }
    if (best >= WIDTH) {
      return -1;
    }
    for (int len = best + 1; len < WIDTH; len++) {
      best = Math.max(best, tailRepeat(s, keys, len));
    }
    return best;
  }

  /** Common leading bytes of two windows, up to 8. */
  private static int common(long a, long b) {
    return Long.numberOfLeadingZeros(a ^ b) >>> 3;
  }

  /** Every full window as a big-endian long, sorted as unsigned values. */
  private static long[] sortedWindows(byte[] s) {
    int m = s.length - WIDTH + 1;
    long[] keys = new long[m];
    long w = 0;
    for (int i = 0; i < WIDTH - 1; i++) {
      w = w << 8 | (s[i] & 0xff);
    }
    for (int i = 0; i < m; i++) {
      w = w << 8 | (s[i + WIDTH - 1] & 0xff);
      keys[i] = w;
    }
    return radixSort(keys, new long[m]);
  }

  /** LSD radix sort by bytes (unsigned order); returns whichever array holds the result. */
  private static long[] radixSort(long[] a, long[] b) {
    int[] count = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      java.util.Arrays.fill(count, 0);
      for (long v : a) {
        count[(int) (v >>> shift & 0xff) + 1]++;
      }
      for (int d = 1; d <= 256; d++) {
        count[d] += count[d - 1];
      }
      for (long v : a) {
        b[count[(int) (v >>> shift & 0xff)]++] = v;
      }
      long[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * The longest prefix the suffix of length {@code len} (too short for a window) shares with any
   * other suffix: each full window, capped at len, and the other short suffixes.
   */
  private static int tailRepeat(byte[] s, long[] keys, int len) {
    int n = s.length;
    int start = n - len;
    long key = 0;
    for (int i = 0; i < WIDTH; i++) {
      key = key << 8 | (i < len ? s[start + i] & 0xff : 0);
    }
    int best = 0;
    for (long k : keys) {
      best = Math.max(best, common(k, key));
    }
    best = Math.min(best, len);
    for (int other = n - WIDTH + 1; other < n; other++) {
      if (other != start) {
        best = Math.max(best, sharedPrefix(s, start, other));
      }
    }
    return best;
  }

  private static int sharedPrefix(byte[] s, int a, int b) {
    int h = 0;
    while (a + h < s.length && b + h < s.length && s[a + h] == s[b + h]) {
      h++;
    }
    return h;
  }
}
