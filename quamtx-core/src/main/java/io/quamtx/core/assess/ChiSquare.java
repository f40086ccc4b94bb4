package io.quamtx.core.assess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SP 800-90B sections 5.2.1 to 5.2.4, the chi-square tests of independence and goodness of fit, as
 * NIST's tool computes them (its fixes of issues #28, #29, #62, #91): proportions accumulated as
 * repeated {@code += 1/L}, expected pair counts over floor(L/2) non-overlapping pairs and symbol
 * counts over floor(L/10), bins formed over the expectations sorted ascending (ties by tuple) and
 * merged until each holds at least 5, the last merged backwards if short. Binary samples use
 * non-overlapping m-bit tuples, m the largest up to 11 with min(p0, p1)^m floor(L/m) at least 5.
 */
final class ChiSquare {
  /** A statistic with its degrees of freedom and p-value. */
  record Result(double t, long df, double p) {}

  private ChiSquare() {}

  static Result independence(byte[] s, int k) {
    if (k == 2) {
      return binaryIndependence(s);
    }
    double[] p = proportions(s, k);
    double half = Math.floor(s.length * 0.5);
    double[] e = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        e[i * k + j] = p[i] * p[j] * half;
      }
    }
    Bins bins = Bins.of(e);
    long[] o = new long[bins.expected.length];
    for (int j = 0; j + 1 < s.length; j += 2) {
      o[bins.of[(s[j] & 0xff) * k + (s[j + 1] & 0xff)]]++;
    }
    double t = statistic(bins.expected, o);
    long df = bins.expected.length - k;
    return new Result(t, df, Gamma.chiSquarePValue(t, df));
  }

  static Result goodnessOfFit(byte[] s, int k) {
    if (k == 2) {
      return binaryGoodnessOfFit(s);
    }
    double[] p = proportions(s, k);
    double tenth = Math.floor(s.length / 10.0);
    double[] e = new double[k];
    for (int j = 0; j < k; j++) {
      e[j] = p[j] * tenth;
    }
    Bins bins = Bins.of(e);
    int block = s.length / 10;
    double t = 0;
    for (int b = 0; b < 10; b++) {
      long[] o = new long[bins.expected.length];
      for (int i = b * block; i < (b + 1) * block; i++) {
        o[bins.of[s[i] & 0xff]]++;
      }
      t += statistic(bins.expected, o);
    }
    long df = 9L * (bins.expected.length - 1);
    return new Result(t, df, Gamma.chiSquarePValue(t, df));
  }

  private static Result binaryIndependence(byte[] s) {
    double p1 = 0;
    for (byte b : s) {
      p1 += b;
    }
    p1 /= s.length;
    double p0 = 1.0 - p1;
    double minP = Math.min(p0, p1);
    int m = 11;
    while (m > 1 && Math.pow(minP, m) * (s.length / m) < 5) {
      m--;
    }
    if (m < 2) {
      return new Result(0, 0, Gamma.chiSquarePValue(0, 0));
    }
    int blocks = s.length / m;
    long[] occ = new long[1 << m];
    for (int i = 0; i < blocks; i++) {
      int v = 0;
      for (int j = 0; j < m; j++) {
        v = (v << 1) | s[i * m + j];
      }
      occ[v]++;
    }
    double t = 0;
    for (int v = 0; v < occ.length; v++) {
      int w = Integer.bitCount(v);
      double e = Math.pow(p1, w) * Math.pow(p0, m - w) * blocks;
      t += (occ[v] - e) * (occ[v] - e) / e;
    }
    long df = (1L << m) - 2;
    return new Result(t, df, Gamma.chiSquarePValue(t, df));
  }

  private static Result binaryGoodnessOfFit(byte[] s) {
    int sub = s.length / 10;
    long ones = 0;
    for (byte b : s) {
      ones += b;
    }
    double p = (double) ones / s.length;
    double e0 = (1.0 - p) * sub;
    double e1 = p * sub;
    double t = 0;
    for (int i = 0; i < 10; i++) {
      long o1 = 0;
      for (int j = 0; j < sub; j++) {
        o1 += s[i * sub + j];
      }
      long o0 = sub - o1;
      t += (o0 - e0) * (o0 - e0) / e0 + (o1 - e1) * (o1 - e1) / e1;
    }
    return new Result(t, 9, Gamma.chiSquarePValue(t, 9));
  }

  /** Symbol proportions summed as the tool does, one {@code 1/L} at a time. */
  static double[] proportions(byte[] s, int k) {
    double[] p = new double[k];
    double step = 1.0 / s.length;
    for (byte b : s) {
      p[b & 0xff] += step;
    }
    return p;
  }

  private static double statistic(double[] expected, long[] observed) {
    double t = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = observed[i] - expected[i];
      t += d * d / expected[i];
    }
    return t;
  }

  /** Expected counts grouped into bins of at least 5, and each tuple's bin. */
  private static final class Bins {
    final double[] expected;
    final int[] of;

    private Bins(double[] expected, int[] of) {
      this.expected = expected;
      this.of = of;
    }

    static Bins of(double[] e) {
      Integer[] order = new Integer[e.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> e[i]).thenComparing(i -> i));
      int[] of = new int[e.length];
      List<Double> bins = new ArrayList<>();
      int current = 0;
      double acc = 0;
      for (int idx : order) {
        if (acc >= 5.0) {
          bins.add(acc);
          current++;
          acc = 0;
        }
        of[idx] = current;
        acc += e[idx];
      }
      if (current != 0 && acc < 5.0) {
        for (int idx : order) {
          of[idx] = of[idx] == current ? current - 1 : of[idx];
        }
        bins.set(current - 1, bins.get(current - 1) + acc);
      } else {
        bins.add(acc);
      }
      return new Bins(bins.stream().mapToDouble(Double::doubleValue).toArray(), of);
    }
  }
}
