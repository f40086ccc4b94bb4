package io.quamtx.core.assess;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The min-entropy of a predictor (SP 800-90B sections 6.3.7 to 6.3.10, final steps): the larger of
 * P'_global, the upper bound on its hit rate, and P_local, from its longest run of hits, floored at
 * 1/k. As in NIST's tool, P_local is solved only when it could exceed the other two.
 */
final class PredictionBound {
  private static final double LOG_ALPHA = Math.log(0.99);

  private PredictionBound() {}

  /**
   * @param correct C, the predictions that hit
   * @param n N, the predictions made
   * @param longestRun the longest run of hits; the standard's r is one more
   * @param k the number of distinct symbols
   */
  static Estimate estimate(String name, long correct, long n, long longestRun, int k) {
    double pGlobal = correct / (double) n;
    double pPrime = pGlobal > 0 ? Bounds.upper(pGlobal, n) : 1.0 - Math.pow(0.01, 1.0 / n);
    double best = Math.max(1.0 / k, pPrime);
    long r = longestRun + 1;
    double pLocal = Double.NaN;
    if (best < 1.0 && runEquation(best, r, n) > LOG_ALPHA) {
      pLocal = Bisection.solveDecreasing(p -> runEquation(p, r, n), LOG_ALPHA, best, 1.0, 1.0);
      best = Math.max(best, pLocal);
    }
    Map<String, Number> details = new LinkedHashMap<>();
    details.put("C", correct);
    details.put("N", n);
    details.put("r", r);
    details.put("P_global'", pPrime);
    if (!Double.isNaN(pLocal)) {
      details.put("P_local", pLocal);
    }
    return new Estimate(name, pGlobal, best, -Bounds.log2(best), details);
  }

  /**
   * The log of the probability that N predictions with hit rate p have no run of r hits, by the
   * fixed point x = 1 + q p^r x^(r+1) of the standard's equation.
   */
  static double runEquation(double p, long r, long n) {
    double q = 1.0 - p;
    double x = 1.0;
    double last = 0.0;
    double pr = Math.pow(p, r);
    for (int i = 0; i <= 65 && (x - last) > Math.ulp(x); i++) {
      last = x;
      x = 1.0 + q * pr * Math.pow(x, r + 1.0);
    }
    return Math.log(1.0 - p * x) - Math.log((r + 1.0 - r * x) * q) - (n + 1.0) * Math.log(x);
  }
}
