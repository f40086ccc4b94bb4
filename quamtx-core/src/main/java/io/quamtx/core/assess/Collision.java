package io.quamtx.core.assess;

import java.util.Map;

/**
 * SP 800-90B section 6.3.2, the Collision estimate, binary samples only. The tool solves step 7 in
 * closed form: with the simplified F of the UL comments the expectation reduces to {@code -2p^2 +
 * 2p + 2}, so {@code p = 0.5 + sqrt(1.25 - 0.5 X')}; we follow it.
 */
final class Collision {
  private Collision() {}

  static Estimate estimate(byte[] s) {
    long i = 0;
    long v = 0;
    double sumSquares = 0;
    int len = s.length;
    while (i < len - 1) {
      int t;
      if (s[(int) i] == s[(int) i + 1]) {
        t = 2;
      } else if (i < len - 2) {
        t = 3;
      } else {
        break;
      }
      v++;
      sumSquares += t * t;
      i += t;
    }
    return solve(i, v, sumSquares);
  }

  private static Estimate solve(long sum, long v, double sumSquares) {
    double mean = sum / (double) v;
    double sigma = Math.sqrt((sumSquares - sum * mean) / (v - 1));
    double bound = Math.max(2.0, mean - Bounds.Z * sigma / Math.sqrt(v));
    double p = bound < 2.5 ? 0.5 + Math.sqrt(1.25 - 0.5 * bound) : 0.5;
    double h = bound < 2.5 ? -Bounds.log2(p) : 1.0;
    Map<String, Number> details =
        Map.of("v", v, "Sum t_i", sum, "X-bar", mean, "sigma-hat", sigma, "X-bar'", bound);
    return new Estimate("Collision", p, p, h, details);
  }
}
