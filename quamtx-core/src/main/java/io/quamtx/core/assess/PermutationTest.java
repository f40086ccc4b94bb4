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
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int r = 0; r < rounds && any(active); r += threads) {
        List<Future<double[]>> batch = new ArrayList<>();
        for (int t = r; t < Math.min(rounds, r + threads); t++) {
          long roundSeed = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (t + 1))).nextLong();
          boolean[] want = active.clone();
          batch.add(pool.submit(() -> shuffled(stats, sym, raw, want, roundSeed)));
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
      PermutationStatistics stats, byte[] sym, byte[] raw, boolean[] want, long seed) {
    byte[] a = sym.clone();
    byte[] b = raw.clone();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      byte t = a[i];
      a[i] = a[j];
      a[j] = t;
      t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    double[] out = new double[want.length];
    java.util.Arrays.fill(out, Double.NaN);
    stats.compute(a, b, want, out);
    return out;
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
