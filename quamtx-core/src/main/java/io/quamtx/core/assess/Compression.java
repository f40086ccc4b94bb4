package io.quamtx.core.assess;

import java.util.Map;

/**
 * SP 800-90B section 6.3.4, the Compression estimate, binary samples only: 6-bit blocks, a
 * dictionary of the first 1000, then the mean log2 distance to each block's last occurrence.
 *
 * <p>The expectation G is summed the way NIST's tool does it (the UL comments' recurrence, with
 * Kahan summation and a tail cut when the terms underflow), and p is found by the same bisection
 * over [1/64, 1]. The tool keeps some terms in 80-bit long double; in double we agree with its p to
 * about 1e-12.
 */
final class Compression {
  private static final int B = 6;
  private static final int D = 1000;
  private static final int ALPHABET = 1 << B;

  private Compression() {}

  /** The estimate, or null when there are too few blocks (the tool then skips it). */
  static Estimate estimate(byte[] s) {
    int blocks = s.length / B;
    if (blocks <= D) {
      return null;
    }
    int[] last = new int[ALPHABET];
    for (int i = 0; i < D; i++) {
      last[block(s, i)] = i + 1;
    }
    Kahan x = new Kahan();
    Kahan x2 = new Kahan();
    for (int i = D; i < blocks; i++) {
      int b = block(s, i);
      double lg = Bounds.log2(i + 1 - last[b]);
      x.add(lg);
      x2.add(lg * lg);
      last[b] = i + 1;
    }
    long v = blocks - D;
    double mean = x.sum / v;
    double sigma = 0.5907 * Math.sqrt(x2.sum / (v - 1.0) - mean * mean);
    double bound = mean - Bounds.Z * sigma / Math.sqrt(v);
    return solve(mean, sigma, bound, blocks);
  }

  private static Estimate solve(double mean, double sigma, double bound, int blocks) {
    Expectation g = new Expectation(blocks);
    double p = -1;
    if (g.of(1.0 / ALPHABET) > bound) {
      p = Bisection.solveDecreasing(g::of, bound, 1.0 / ALPHABET, 1.0, 1.0 / ALPHABET);
    }
    boolean found = p > 1.0 / ALPHABET;
    double pFinal = found ? p : 1.0 / ALPHABET;
    double h = found ? -Bounds.log2(p) / B : 1.0;
    Map<String, Number> details = Map.of("X-bar", mean, "sigma-hat", sigma, "X-bar'", bound);
    return new Estimate("Compression", pFinal, pFinal, h, details);
  }

  private static int block(byte[] s, int i) {
    int v = 0;
    for (int j = 0; j < B; j++) {
      v = (v << 1) | (s[i * B + j] & 1);
    }
    return v;
  }

  /** The expected statistic for a distribution with one value at p, the rest equal. */
  private static final class Expectation {
    private final int blocks;
    private final double[] log2;

    Expectation(int blocks) {
      this.blocks = blocks;
      this.log2 = new double[blocks + 1];
      for (int i = 2; i <= blocks; i++) {
        log2[i] = Bounds.log2(i);
      }
    }

    double of(double p) {
      double q = (1.0 - p) / (ALPHABET - 1.0);
      return g(p) + (ALPHABET - 1.0) * g(q);
    }

    /** G(z) of the standard, by the recurrence: only z^2 sums of a_i = log2(i)(1-z)^(i-1). */
    private double g(double z) {
      Kahan a = new Kahan();
      Kahan first = new Kahan();
      double bterm = 1.0 - z;
      double bi = bterm;
      for (int i = 2; i <= D; i++) {
        a.add(log2[i] * bi);
        bi *= bterm;
      }
      double ad1 = a.sum;
      boolean truncated = false;
      for (int i = D + 1; i <= blocks - 1; i++) {
        double ai = log2[i] * bi;
        a.add(ai);
        double scaled = (double) (blocks - i) * ai;
        if (!(scaled > 0.0)) {
          truncated = true;
          break;
        }
        first.add(scaled);
        bi *= bterm;
      }
      first.add((double) (blocks - D) * ad1);
      if (!truncated) {
        a.add(log2[blocks] * bi);
      }
      return 1.0 / (blocks - D) * z * (z * first.sum + (a.sum - ad1));
    }
  }

  /** Compensated summation, as the tool uses for these long sums. */
  static final class Kahan {
    double sum;
    private double comp;

    void add(double in) {
      double y = in - comp;
      double t = sum + y;
      comp = (t - sum) - y;
      sum = t;
    }
  }
}
