package io.quamtx.core.assess;

import java.util.Map;

/** SP 800-90B section 6.3.1, the Most Common Value estimate. */
final class MostCommonValue {
  private MostCommonValue() {}

  static Estimate estimate(byte[] s, int k) {
    long[] counts = new long[Math.max(k, 256)];
    for (byte b : s) {
      counts[b & 0xff]++;
    }
    long mode = 0;
    for (long c : counts) {
      mode = Math.max(mode, c);
    }
    double p = mode / (double) s.length;
    double pu = Bounds.upper(p, s.length);
    return new Estimate("MCV", p, pu, -Bounds.log2(pu), Map.of("Mode count", mode));
  }
}
