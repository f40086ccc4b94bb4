package io.quamtx.core.assess;

import java.util.Map;

/**
 * SP 800-90B section 6.3.3, the Markov estimate, binary samples only. P_0 counts all L bits; the
 * transition probabilities count the L-1 pairs, as the tool does.
 */
final class Markov {
  private Markov() {}

  static Estimate estimate(byte[] s) {
    long c0 = 0;
    long c00 = 0;
    long c10 = 0;
    for (int i = 0; i < s.length - 1; i++) {
      if (s[i] == 0) {
        c0++;
        c00 += s[i + 1] == 0 ? 1 : 0;
      } else if (s[i + 1] == 0) {
        c10++;
      }
    }
    long c1 = s.length - 1 - c0;
    double p00 = c0 > 0 ? c00 / (double) c0 : 0.0;
    double p01 = c0 > 0 ? 1.0 - p00 : 0.0;
    double p10 = c1 > 0 ? c10 / (double) c1 : 0.0;
    double p11 = c1 > 0 ? 1.0 - p10 : 0.0;
    double p0 = (c0 + (s[s.length - 1] == 0 ? 1 : 0)) / (double) s.length;
    return finish(p0, 1.0 - p0, p00, p01, p10, p11);
  }

  /** The most likely of the six 128-bit paths the standard lists. */
  private static Estimate finish(
      double p0, double p1, double p00, double p01, double p10, double p11) {
    double h = 128.0;
    h = path(h, p00 > 0, -log(p0) - 127 * log(p00));
    h = path(h, p01 > 0 && p10 > 0, -log(p0) - 64 * log(p01) - 63 * log(p10));
    h = path(h, p01 > 0 && p11 > 0, -log(p0) - log(p01) - 126 * log(p11));
    h = path(h, p10 > 0 && p00 > 0, -log(p1) - log(p10) - 126 * log(p00));
    h = path(h, p10 > 0 && p01 > 0, -log(p1) - 64 * log(p10) - 63 * log(p01));
    h = path(h, p11 > 0, -log(p1) - 127 * log(p11));
    double pMax = Math.pow(2.0, -h);
    Map<String, Number> details =
        Map.of(
            "P_0", p0, "P_1", p1, "P_{0,0}", p00, "P_{0,1}", p01, "P_{1,0}", p10, "P_{1,1}", p11);
    return new Estimate("Markov", pMax, pMax, Math.min(h / 128.0, 1.0), details);
  }

  private static double path(double best, boolean possible, double h) {
    return possible && h < best ? h : best;
  }

  private static double log(double x) {
    return Bounds.log2(x);
  }
}
