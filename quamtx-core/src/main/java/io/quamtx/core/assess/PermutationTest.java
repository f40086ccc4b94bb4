package io.quamtx.core.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SP 800-90B section 5.1: ranks each statistic of the samples among the same statistic over
 * Fisher-Yates shuffles. C0 counts shuffles scoring higher, C1 equal, C2 lower; a statistic fails
 * when C0 + C1 <= 5 or C1 + C2 <= 5 after all rounds, and stops being computed as soon as both sums
 * exceed 5 (as in NIST's tool).
 *
 * <p>Rounds run in batches over all cores. Round r shuffles a fresh copy of the samples with a
 * generator seeded from (seed, r), so for a given seed the counters do not depend on the number of
 * threads. NIST's tool seeds from /dev/urandom, so its counters differ from run to run; only the
 * verdict is comparable.
 */
final class PermutationTest {
  /** The standard's number of shuffles. */
  static final int ROUNDS = 10_000;

  private PermutationTest() {}

  static List<PermutationResult> run(Samples s, long seed, int rounds) {
    byte[] sym = s.symbols();
    byte[] raw = s.raw();
    PermutationStatistics stats = new PermutationStatistics(sym, raw, s.distinct());
    int m = PermutationStatistics.NAMES.length;
    boolean[] active = new boolean[m];
    java.util.Arrays.fill(active, true);
    double[] original = new double[m];
    stats.compute(sym, raw, active, original);
    long[][] c = new long[m][3];
    byte[] rawOf = rawValues(sym, raw);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int r = 0; r < rounds && any(active); r += threads) {
        List<Future<double[]>> batch = new ArrayList<>();
        for (int t = r; t < Math.min(rounds, r + threads); t++) {
          long roundSeed = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (t + 1))).nextLong();
          boolean[] want = active.clone();
          batch.add(pool.submit(() -> shuffled(stats, sym, rawOf, want, roundSeed)));
        }
        for (Future<double[]> f : batch) {
          tally(f.get(), original, active, c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("permutation test interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("permutation test failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return results(original, c);
  }

  private static double[] shuffled(
      PermutationStatistics stats, byte[] sym, byte[] rawOf, boolean[] want, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] a = stats.distinct() == 2 ? arrangeBinary(sym, rng) : fisherYates(sym, rng);
    byte[] b = a;
    if (rawOf != null) {
      b = new byte[a.length];
      for (int i = 0; i < a.length; i++) {
        b[i] = rawOf[a[i] & 0xff];
      }
    }
    double[] out = new double[want.length];
    java.util.Arrays.fill(out, Double.NaN);
    stats.compute(a, b, want, out);
    return out;
  }

  /** A Fisher-Yates shuffle of a copy of the symbols; raw values follow from the symbols. */
  private static byte[] fisherYates(byte[] sym, SplittableRandom rng) {
    byte[] a = sym.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = below(i + 1, rng);
      byte t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * A uniformly random arrangement of binary symbols, drawn position by position: a one with
   * probability (ones left) / (positions left). Every arrangement has probability n1! n0! / n!, as
   * under a Fisher-Yates shuffle, at one sequential draw per sample instead of a random swap.
   */
  private static byte[] arrangeBinary(byte[] sym, SplittableRandom rng) {
    int ones = 0;
    for (byte v : sym) {
      ones += v;
    }
    byte[] a = new byte[sym.length];
    for (int i = 0; i < a.length; i++) {
      int one = below(a.length - i, rng) < ones ? 1 : 0;
      a[i] = (byte) one;
      ones -= one;
    }
    return a;
  }

  /**
   * The raw value of each symbol (symbols number the distinct raw values in order), or null when
   * every symbol is its own raw value, as with 8-bit samples that use all 256 values: the shuffled
   * symbols then serve as the raw values and each round saves a copy.
   */
  private static byte[] rawValues(byte[] sym, byte[] raw) {
    byte[] rawOf = new byte[256];
    boolean identity = true;
    for (int i = 0; i < sym.length; i++) {
      rawOf[sym[i] & 0xff] = raw[i];
      identity &= sym[i] == raw[i];
    }
    return identity ? null : rawOf;
  }

  /** Uniform in [0, bound) by Lemire's multiply-and-reject, without division on the usual path. */
  static int below(int bound, SplittableRandom rng) {
    long m = (rng.nextInt() & 0xFFFFFFFFL) * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long reject = (0x1_0000_0000L - bound) % bound;
      while (low < reject) {
        m = (rng.nextInt() & 0xFFFFFFFFL) * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Adds one round to the counters of the statistics still active, in round order. */
  private static void tally(double[] v, double[] original, boolean[] active, long[][] c) {
    for (int i = 0; i < v.length; i++) {
      if (!active[i] || Double.isNaN(v[i])) {
        continue;
      }
      c[i][v[i] > original[i] ? 0 : v[i] == original[i] ? 1 : 2]++;
      if (c[i][0] + c[i][1] > 5 && c[i][1] + c[i][2] > 5) {
        active[i] = false;
      }
    }
  }

  private static boolean any(boolean[] a) {
    for (boolean b : a) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private static List<PermutationResult> results(double[] original, long[][] c) {
    List<PermutationResult> out = new ArrayList<>();
    for (int i = 0; i < original.length; i++) {
      boolean passed = c[i][0] + c[i][1] > 5 && c[i][1] + c[i][2] > 5;
      out.add(
          new PermutationResult(
              PermutationStatistics.NAMES[i], original[i], c[i][0], c[i][1], c[i][2], passed));
    }
    return out;
  }
}
