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
    return of(mode, s.length);
  }

  /**
   * The estimate on the bitstring of {@code raw} ({@code bits} bits per sample, every value below
   * 2^bits), equal to {@code estimate(bitstring, 2)}: its ones are the samples' set bits, so the
   * bitstring itself (eight times the samples' size) is not needed.
   */
  static Estimate ofBitstring(byte[] raw, int bits) {
    long ones = 0;
    for (byte b : raw) {
      ones += Integer.bitCount(b & 0xff);
    }
    long length = (long) raw.length * bits;
    return of(Math.max(ones, length - ones), length);
  }

  private static Estimate of(long mode, long length) {
    double p = mode / (double) length;
    double pu = Bounds.upper(p, length);
    return new Estimate("MCV", p, pu, -Bounds.log2(pu), Map.of("Mode count", mode));
  }
}
