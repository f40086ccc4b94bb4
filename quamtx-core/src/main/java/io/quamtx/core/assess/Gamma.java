package io.quamtx.core.assess;

/**
 * The regularized upper incomplete gamma function Q(a, x), for chi-square p-values: {@code p =
 * Q(df/2, T/2)}. Series below x = a + 1, Lentz's continued fraction above; log-gamma by the Lanczos
 * approximation (g = 7, nine terms), good to about 1e-15 relative.
 */
final class Gamma {
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };
  private static final double EPS = 1e-17;
  private static final double TINY = 1e-300;

  private Gamma() {}

  /** The chi-square upper-tail probability of statistic {@code t} with {@code df} freedoms. */
  static double chiSquarePValue(double t, double df) {
    return upperRegularized(df / 2.0, t / 2.0);
  }

  static double upperRegularized(double a, double x) {
    if (x <= 0 || a <= 0) {
      return 1.0;
    }
    if (x < a + 1) {
      return 1.0 - lowerSeries(a, x);
    }
    return upperFraction(a, x);
  }

  private static double lowerSeries(double a, double x) {
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double upperFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 100_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < TINY ? TINY : d;
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double s = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      s += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
  }
}
