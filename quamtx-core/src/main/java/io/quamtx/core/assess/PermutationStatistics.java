package io.quamtx.core.assess;

/**
 * The 19 statistics of the SP 800-90B section 5.1 permutation tests, computed the way NIST's tool
 * computes them. Runs, collisions and periodicity use the translated samples; excursion, covariance
 * (non-binary) and compression use the raw values. For binary samples (k = 2) the directional,
 * periodicity and covariance statistics run on Conversion I (popcounts of 8-bit blocks) and the
 * collision statistics on Conversion II (the bits packed MSB-first), with median 0.5.
 */
final class PermutationStatistics {
  /** The statistics' names, in the tool's order. */
  static final String[] NAMES = {
    "excursion",
    "numDirectionalRuns",
    "lenDirectionalRuns",
    "numIncreasesDecreases",
    "numRunsMedian",
    "lenRunsMedian",
    "avgCollision",
    "maxCollision",
    "periodicity(1)",
    "periodicity(2)",
    "periodicity(8)",
    "periodicity(16)",
    "periodicity(32)",
    "covariance(1)",
    "covariance(2)",
    "covariance(8)",
    "covariance(16)",
    "covariance(32)",
    "compression"
  };

  static final int COMPRESSION = 18;
  private static final int[] LAGS = {1, 2, 8, 16, 32};

  private final byte[] symbols;
  private final int k;
  private final double rawMean;
  private final double median;

  PermutationStatistics(byte[] symbols, byte[] raw, int k) {
    this.symbols = symbols;
    this.k = k;
    long sum = 0;
    for (byte b : raw) {
      sum += b & 0xff;
    }
    this.rawMean = sum / (double) raw.length;
    this.median = k == 2 ? 0.5 : median(symbols);
  }

  private static double median(byte[] s) {
    long[] counts = new long[256];
    for (byte b : s) {
      counts[b & 0xff]++;
    }
    int half = s.length / 2;
    return s.length % 2 == 1
        ? nth(counts, half)
        : (nth(counts, half) + nth(counts, half - 1)) / 2.0;
  }

  private static int nth(long[] counts, long n) {
    long seen = 0;
    for (int v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen > n) {
        return v;
      }
    }
    throw new IllegalStateException("index " + n + " past the samples");
  }

  /** The unshuffled symbols (not copied: callers shuffle copies). */
  byte[] symbols() {
    return symbols;
  }

  /** The number of distinct symbols, k. */
  int distinct() {
    return k;
  }

  /** Computes the statistics whose {@code active} flag is set into {@code out}. */
  void compute(byte[] symbols, byte[] raw, boolean[] active, double[] out) {
    if (active[0]) {
      out[0] = excursion(raw);
    }
    byte[] conv1 = k == 2 ? conversion(symbols, false) : symbols;
    if (active[1] || active[2] || active[3]) {
      directional(conv1, out);
    }
    if (active[4] || active[5]) {
      medianRuns(symbols, out);
    }
    if (active[6] || active[7]) {
      collisions(k == 2 ? conversion(symbols, true) : symbols, k == 2 ? 256 : k, out);
    }
    byte[] cov = k == 2 ? conv1 : raw;
    for (int i = 0; i < LAGS.length; i++) {
      if (active[8 + i]) {
        out[8 + i] = periodicity(conv1, LAGS[i]);
      }
      if (active[13 + i]) {
        out[13 + i] = covariance(cov, LAGS[i]);
      }
    }
    if (active[COMPRESSION]) {
      out[COMPRESSION] = compressedLength(raw);
    }
  }

  /** Conversion I (popcount per 8 bits) or II (8 bits packed, MSB first); a short tail counts. */
  static byte[] conversion(byte[] bits, boolean pack) {
    byte[] out = new byte[(bits.length + 7) / 8];
    int full = bits.length / 8;
    for (int o = 0; o < full; o++) {
      int v = 0;
      for (int i = 8 * o; i < 8 * o + 8; i++) {
        v = pack ? v << 1 | bits[i] : v + bits[i];
      }
      out[o] = (byte) v;
    }
    for (int i = 8 * full; i < bits.length; i++) {
      out[full] += (byte) (pack ? bits[i] << (7 - i % 8) : bits[i]);
    }
    return out;
  }

  private double excursion(byte[] raw) {
    double running = 0;
    double max = 0;
    for (int i = 0; i < raw.length; i++) {
      running += raw[i] & 0xff;
      max = Math.max(max, Math.abs(running - (i + 1) * rawMean));
    }
    return max;
  }

  /**
   * Directional runs from the sign of each step (down = 1, up or level = 0), without branches: the
   * shuffled samples make every comparison a coin toss that a branch predictor would miss.
   */
  private static void directional(byte[] a, double[] out) {
    if (a.length < 2) {
      out[1] = 0;
      out[2] = 1;
      out[3] = 0;
      return;
    }
    int prev = ((a[1] & 0xff) - (a[0] & 0xff)) >>> 31;
    long downs = prev;
    long runs = 1;
    int run = 1;
    int longest = 1;
    for (int i = 1; i + 1 < a.length; i++) {
      int down = ((a[i + 1] & 0xff) - (a[i] & 0xff)) >>> 31;
      int change = down ^ prev;
      downs += down;
      runs += change;
      run = (run & (change - 1)) + 1;
      longest = Math.max(longest, run);
      prev = down;
    }
    long ups = (a.length - 1) - downs;
    out[1] = runs;
    out[2] = longest;
    out[3] = Math.max(ups, downs);
  }

  /** Runs above and below the median, branch-free for the same reason as the directional runs. */
  private void medianRuns(byte[] s, double[] out) {
    // for whole values, v < median exactly when v < ceil(median)
    int cut = (int) Math.ceil(median);
    int prev = ((s[0] & 0xff) - cut) >>> 31;
    long runs = 1;
    int run = 1;
    int longest = 1;
    for (int i = 1; i < s.length; i++) {
      int below = ((s[i] & 0xff) - cut) >>> 31;
      int change = below ^ prev;
      runs += change;
      run = (run & (change - 1)) + 1;
      longest = Math.max(longest, run);
      prev = below;
    }
    out[4] = runs;
    out[5] = longest;
  }

  /** Lengths of the windows, from each start, until a value repeats; average and maximum. */
  private static void collisions(byte[] a, int alphabet, double[] out) {
    int[] seenAt = new int[alphabet];
    int epoch = 0;
    long sum = 0;
    long count = 0;
    long max = 0;
    int i = 0;
    int n = a.length;
    while (i < n) {
      epoch++;
      int j = 0;
      boolean hit = false;
      while (i + j < n) {
        int v = a[i + j] & 0xff;
        if (seenAt[v] == epoch) {
          sum += j + 1;
          count++;
          max = Math.max(max, j + 1);
          i += j;
          hit = true;
          break;
        }
        seenAt[v] = epoch;
        j++;
      }
      i++;
      if (!hit) {
        break;
      }
    }
    out[6] = (double) sum / (double) count;
    out[7] = max;
  }

  private static double periodicity(byte[] a, int p) {
    long t = 0;
    for (int i = 0; i < a.length - p; i++) {
      t += a[i] == a[i + p] ? 1 : 0;
    }
    return t;
  }

  private static double covariance(byte[] a, int p) {
    long t = 0;
    for (int i = 0; i < a.length - p; i++) {
      t += (long) (a[i] & 0xff) * (a[i + p] & 0xff);
    }
    return t;
  }

  /**
   * The bzip2 length (libbz2, block size 5) of the raw values written in decimal, space-separated;
   * computed exactly without compressing (see {@link DecimalBzip2}).
   */
  static double compressedLength(byte[] raw) {
    return DecimalBzip2.length(raw);
  }
}
