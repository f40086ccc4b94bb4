package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The permutation test's shuffle against a plain Fisher-Yates shuffle drawing from the JDK's {@link
 * SplittableRandom}: the shuffle writes the generator's steps out, and the counters of a seeded run
 * stay the same only while both give the same arrangement.
 */
class FisherYatesTest {
  private static byte[] reference(byte[] sym, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] a = sym.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = PermutationTest.below(i + 1, rng);
      byte t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  @Test
  void sameArrangementAsSplittableRandom() {
    byte[] sym = new byte[100_000];
    new SplittableRandom(3).nextBytes(sym);
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x9E3779B97F4A7C15L}) {
      assertArrayEquals(
          reference(sym, seed), PermutationTest.fisherYates(sym, seed), "seed " + seed);
    }
  }

  @Test
  void sameArrangementForShortArrays() {
    // the ends of the loop, over many seeds
    for (int n : new int[] {1, 2, 3, 7, 1000}) {
      byte[] sym = new byte[n];
      for (int i = 0; i < n; i++) {
        sym[i] = (byte) i;
      }
      for (long seed = 0; seed < 50; seed++) {
        assertArrayEquals(reference(sym, seed), PermutationTest.fisherYates(sym, seed));
      }
    }
  }
}
