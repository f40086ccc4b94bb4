package io.quamtx.core.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SP 800-90B sections 6.3.5 (t-Tuple) and 6.3.6 (Longest Repeated Substring), from one suffix
 * array. Walking the LCP intervals bottom-up gives, for every length W, the largest count of any
 * W-tuple (Q[W]) and the sum of C(count, 2) over all W-tuples (the LRS numerator) in linear time.
 *
 * <p>As in NIST's tool: t is the largest W with Q[W] >= 35; the LRS runs over W = t+1 .. v, v the
 * longest repeat, and is skipped when v < t+1. The tool computes the p-hats in 80-bit long double;
 * double agrees to about 1e-15 relative.
 */
final class TupleEstimates {
  private static final int THRESHOLD = 35;

  private TupleEstimates() {}

  /** The t-Tuple and LRS estimates; either may be absent (the tool skips them). */
  static List<Estimate> estimate(byte[] s, int alphabet) {
    int n = s.length;
    int[] lcp = SuffixArray.lcp(s, SuffixArray.build(s, alphabet));
    int v = 0;
    for (int x : lcp) {
      v = Math.max(v, x);
    }
    long[] q = new long[v + 2];
    long[] pairs = new long[v + 2];
    intervals(lcp, q, pairs);
    int u = 1;
    while (u <= v && q[u] >= THRESHOLD) {
      u++;
    }
    List<Estimate> out = new ArrayList<>(2);
    if (u > 1) {
      out.add(tuple(q, u - 1, n));
    }
    if (v >= u) {
      out.add(lrs(pairs, u, v, n));
    }
    return out;
  }

  /**
   * Fills q[W] with the largest W-tuple count and pairs[W] with the sum of C(c, 2) over W-tuples.
   * Each LCP interval of depth l, whose parent has depth lp, is one W-tuple class of size c for
   * every W in (lp, l].
   */
  private static void intervals(int[] lcp, long[] q, long[] pairs) {
    int n = lcp.length;
    long[] diff = new long[q.length + 1];
    int[] depth = new int[q.length + 1];
    int[] left = new int[q.length + 1];
    int top = 0;
    for (int i = 1; i <= n; i++) {
      int cur = i < n ? lcp[i] : 0;
      int lb = i - 1;
      while (cur < depth[top]) {
        long c = i - left[top];
        int l = depth[top--];
        int parent = Math.max(cur, depth[top]);
        q[l] = Math.max(q[l], c);
        diff[parent + 1] += c * (c - 1) / 2;
        diff[l + 1] -= c * (c - 1) / 2;
        lb = left[top + 1];
      }
      if (cur > depth[top]) {
        depth[++top] = cur;
        left[top] = lb;
      }
    }
    long run = 0;
    for (int w = 1; w < q.length; w++) {
      run += diff[w];
      pairs[w] = run;
    }
    for (int w = q.length - 2; w >= 1; w--) {
      q[w] = Math.max(Math.max(q[w], q[w + 1]), 1);
    }
  }

  private static Estimate tuple(long[] q, int t, int n) {
    double pMax = -1;
    for (int i = 1; i <= t; i++) {
      pMax = Math.max(pMax, Math.pow(q[i] / (double) (n - i + 1), 1.0 / i));
    }
    double pu = Bounds.upper(pMax, n);
    return new Estimate("t-Tuple", pMax, pu, -Bounds.log2(pu), Map.of("t", t));
  }

  private static Estimate lrs(long[] pairs, int u, int v, int n) {
    double pMax = 0;
    for (int w = u; w <= v; w++) {
      double choices = (double) (n - w) * (n - w + 1) / 2.0;
      pMax = Math.max(pMax, Math.pow(pairs[w] / choices, 1.0 / w));
    }
    double pu = Bounds.upper(pMax, n);
    return new Estimate("LRS", pMax, pu, -Bounds.log2(pu), Map.of("u", u, "v", v));
  }
}
