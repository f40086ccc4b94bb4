package io.quamtx.core.assess;

/** The confidence bounds shared by the estimators (SP 800-90B section 6.3). */
final class Bounds {
  /** The 99.5% quantile of the standard normal, as NIST's tool spells it. */
  static final double Z = 2.5758293035489008;

  private Bounds() {}

  /** {@code min(1, p + Z sqrt(p(1-p)/(n-1)))}. */
  static double upper(double p, long n) {
    return Math.min(1.0, p + Z * Math.sqrt(p * (1.0 - p) / (n - 1.0)));
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
