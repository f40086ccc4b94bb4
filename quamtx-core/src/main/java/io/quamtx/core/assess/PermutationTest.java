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
        int size = Math.min(threads, rounds - r);
        for (Future<Round> f : submit(pool, stats, rawOf, seed, r, size, active, c)) {
          Round round = f.get();
          round.completeFor(stats, active);
          tally(round.values(), original, active, c);
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

  /** Starts rounds first..first+size-1, each with the statistics it certainly needs. */
  private static List<Future<Round>> submit(
      ExecutorService pool,
      PermutationStatistics stats,
      byte[] rawOf,
      long seed,
      int first,
      int size,
      boolean[] active,
      long[][] c) {
    int[] sure = surelyActive(c, active);
    List<Future<Round>> batch = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      long roundSeed =
          new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (first + k + 1))).nextLong();
      boolean[] want = new boolean[active.length];
      for (int i = 0; i < want.length; i++) {
        want[i] = active[i] && k < sure[i];
      }
      batch.add(pool.submit(() -> shuffled(stats, rawOf, want, roundSeed)));
    }
    return batch;
  }

  /**
   * For each statistic, how many more rounds certainly need it: a round raises each of C0 + C1 and
   * C1 + C2 by at most one, so it stays active until both have passed 5. The rounds of a batch
   * beyond that number leave it to {@link Round#completeFor}, which computes it only if the rounds
   * before still left it active: the expensive bzip2 statistic is then never computed for a round
   * that a one-round-at-a-time run would skip, and the counters stay those of such a run.
   */
  private static int[] surelyActive(long[][] c, boolean[] active) {
    int[] sure = new int[c.length];
    for (int i = 0; i < c.length; i++) {
      long low = 6 - (c[i][0] + c[i][1]);
      long high = 6 - (c[i][1] + c[i][2]);
      sure[i] = active[i] ? (int) Math.max(1, Math.max(low, high)) : 0;
    }
    return sure;
  }

  /** One shuffle's statistics (NaN where not computed) and the shuffled samples they came from. */
  private record Round(double[] values, byte[] symbols, byte[] raw) {
    /** Computes the statistics still active that this round left out. */
    void completeFor(PermutationStatistics stats, boolean[] active) {
      boolean[] missing = new boolean[values.length];
      boolean any = false;
      for (int i = 0; i < values.length; i++) {
        missing[i] = active[i] && Double.isNaN(values[i]);
        any |= missing[i];
      }
      if (any) {
        stats.compute(symbols, raw, missing, values);
      }
    }
  }

  private static Round shuffled(
      PermutationStatistics stats, byte[] rawOf, boolean[] want, long seed) {
    byte[] sym = stats.symbols();
    byte[] a =
        stats.distinct() == 2
            ? arrangeBinary(sym, new SplittableRandom(seed))
            : fisherYates(sym, seed);
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
    return new Round(out, a, b);
  }

  /** SplittableRandom's increment of its seed for a generator made with {@code new(seed)}. */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  /**
   * A Fisher-Yates shuffle of a copy of the symbols, drawing each index as {@link #below} does from
   * {@code new SplittableRandom(seed)}; raw values follow from the symbols. The generator's steps
   * are written out so that its state stays in a register: through the object, every draw waits for
   * the previous one's store of the seed, a third of the shuffle's time.
   */
  static byte[] fisherYates(byte[] sym, long seed) {
    byte[] a = sym.clone();
    long state = seed;
    for (int i = a.length - 1; i > 0; i--) {
      int bound = i + 1;
      state += GOLDEN_GAMMA;
      long m = (mix32(state) & 0xFFFFFFFFL) * bound;
      long low = m & 0xFFFFFFFFL;
      if (low < bound) {
        long reject = (0x1_0000_0000L - bound) % bound;
        while (low < reject) {
          state += GOLDEN_GAMMA;
          m = (mix32(state) & 0xFFFFFFFFL) * bound;
          low = m & 0xFFFFFFFFL;
        }
      }
      int j = (int) (m >>> 32);
      byte t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** SplittableRandom's output function for {@code nextInt()}, of its state after the step. */
  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
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
