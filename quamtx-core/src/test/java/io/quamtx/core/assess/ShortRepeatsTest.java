package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The window method against the suffix array's LCP maximum, which it replaces when it can. */
class ShortRepeatsTest {
  @ParameterizedTest(name = "n={0} k={1}")
  @CsvSource({"16, 256", "17, 2", "100, 4", "1000, 16", "5000, 64", "100000, 256", "300, 3"})
  void agreesWithSuffixArrayOnRandomSamples(int n, int k) {
    Random r = new Random(31L * n + k);
    for (int trial = 0; trial < 20; trial++) {
      byte[] s = new byte[n];
      for (int i = 0; i < n; i++) {
        s[i] = (byte) r.nextInt(k);
      }
      check(s, k);
    }
  }

  @Test
  void findsRepeatsThatOnlyTheLastSamplesShow() {
    Random r = new Random(7);
    for (int len = 1; len < ShortRepeats.WIDTH; len++) {
      for (int at : new int[] {0, 500, 1000 - ShortRepeats.WIDTH, 1000 - len - 1}) {
        byte[] s = distinctPairs(1000, r);
        System.arraycopy(s, s.length - len, s, at, len);
        check(s, 256);
      }
    }
  }

  @Test
  void declinesRepeatsOfEightOrMore() {
    byte[] s = distinctPairs(2000, new Random(3));
    System.arraycopy(s, 100, s, 1500, ShortRepeats.WIDTH);
    assertEquals(-1, ShortRepeats.longest(s));
    assertEquals(-1, ShortRepeats.longest(new byte[15]));
  }

  @Test
  void triesOnlyWhereEightSampleRepeatsAreUnlikely() {
    assertTrue(ShortRepeats.worthTrying(1_000_000, 1.0 / 256));
    assertFalse(ShortRepeats.worthTrying(1_000_000, 1.0 / 16));
    assertFalse(ShortRepeats.worthTrying(15, 1.0 / 256));
  }

  /** Samples with no repeated pair of neighbours, so the planted copy sets the answer. */
  private static byte[] distinctPairs(int n, Random r) {
    byte[] s = new byte[n];
    boolean[] seen = new boolean[1 << 16];
    s[0] = (byte) r.nextInt(256);
    for (int i = 1; i < n; i++) {
      int pair;
      do {
        s[i] = (byte) r.nextInt(256);
        pair = (s[i - 1] & 0xff) << 8 | (s[i] & 0xff);
      } while (seen[pair]);
      seen[pair] = true;
    }
    return s;
  }

  private static void check(byte[] s, int k) {
    int expected = 0;
    for (int x : SuffixArray.lcp(s, SuffixArray.build(s, k))) {
      expected = Math.max(expected, x);
    }
    int got = ShortRepeats.longest(s);
    assertEquals(expected >= ShortRepeats.WIDTH ? -1 : expected, got);
  }
}
