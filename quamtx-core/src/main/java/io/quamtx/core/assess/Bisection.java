package io.quamtx.core.assess;

import java.util.function.DoubleUnaryOperator;

/**
 * Root finding for the monotone equations of SP 800-90B (Compression's p, the predictors' P_local),
 * shaped like the reference tool's search: halve [lo, hi] until the function meets the target to a
 * few ulps or the interval stops shrinking.
 */
final class Bisection {
  private static final int MAX_ITERATIONS = 1076;

  private Bisection() {}

  /**
   * Finds p in [lo, hi] with f(p) = target for f decreasing in p. Returns the upper end of the last
   * interval when the search stalls, as the tool does, and {@code failure} when the target is
   * outside the values seen (the tool's choice differs per estimator).
   */
  static double solveDecreasing(
      DoubleUnaryOperator f, double target, double lo, double hi, double failure) {
    double lb = lo;
    double hb = hi;
    double lv = Double.POSITIVE_INFINITY;
    double hv = Double.NEGATIVE_INFINITY;
    double p = (lb + hb) / 2.0;
    double v = f.applyAsDouble(p);
    for (int j = 0; j < MAX_ITERATIONS; j++) {
      if (close(v, target)) {
        return p;
      }
      if (target < v) {
        lb = p;
        lv = v;
      } else {
        hb = p;
        hv = v;
      }
      if (lb >= hb) {
        return Math.min(Math.max(lb, hb), hi);
      }
      if (!(target <= lv && target >= hv)) {
        return failure;
      }
      double last = p;
      p = (lb + hb) / 2.0;
      if (!(p > lb && p < hb) || last == p) {
        return hb;
      }
      v = f.applyAsDouble(p);
      if (!(v <= lv && v >= hv)) {
        return hb;
      }
    }
    return p;
  }

  /** Relative closeness to machine epsilon, or within 4 ulps; absolute when near zero. */
  static boolean close(double a, double b) {
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    double big = Math.max(Math.abs(a), Math.abs(b));
    if (Math.min(Math.abs(a), Math.abs(b)) < Double.MIN_NORMAL || diff < Double.MIN_NORMAL) {
      return diff <= Double.MIN_NORMAL;
    }
    if (diff <= big * Math.ulp(1.0)) {
      return true;
    }
    if (Math.signum(a) != Math.signum(b)) {
      return false;
    }
    long ua = Double.doubleToLongBits(Math.abs(a));
    long ub = Double.doubleToLongBits(Math.abs(b));
    return Math.abs(ua - ub) <= 4;
  }
}
