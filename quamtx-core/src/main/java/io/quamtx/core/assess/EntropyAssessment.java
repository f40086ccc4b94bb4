package io.quamtx.core.assess;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * SP 800-90B entropy assessment of recorded samples, computing what NIST's reference tool
 * (SP800-90B_EntropyAssessment 1.1.7, {@code ea_non_iid} and {@code ea_iid}) computes, estimator by
 * estimator, so that its figures can be reproduced without it.
 *
 * <p>Non-IID track (section 6.3): on the literal samples (translated to 0..k-1) the Most Common
 * Value, t-Tuple, LRS and the four predictors, plus Collision, Markov and Compression when k = 2;
 * on the bitstring (when k > 2, or for conditioned data) all ten. Where the tool and the standard's
 * text differ we follow the tool: k is the number of distinct values present, not 2^n; "binary"
 * means k = 2; the bitstring is built MSB-first from the untranslated values.
 *
 * <p>The estimators run in parallel on the common fork-join pool. Thread-safe: every call works on
 * its own data. CPU-bound: for a million 8-bit samples, about 9 s of CPU for the non-IID track and
 * 3 to 4 s for the IID track on this project's 2-vCPU build machine (benchmarks/README.md).
 */
public final class EntropyAssessment {
  /** With {@code truncateBitstring}, H_bitstring uses only this many bits (the tool's -t). */
  public static final int TRUNCATED_BITS = 1_000_000;

  private EntropyAssessment() {}

  /**
   * The non-IID track, initial entropy estimate ({@code ea_non_iid FILE n}), or with {@code
   * conditioned} the conditioned-data estimate h' ({@code ea_non_iid -c}).
   */
  public static Assessment nonIid(Samples samples, boolean conditioned) {
    return nonIid(samples, conditioned, false);
  }

  /**
   * As {@link #nonIid(Samples, boolean)}; {@code truncateBitstring} limits the bitstring to its
   * first {@value #TRUNCATED_BITS} bits (the tool's {@code -t}).
   */
  public static Assessment nonIid(Samples samples, boolean conditioned, boolean truncateBitstring) {
    Objects.requireNonNull(samples, "samples");
    boolean bitTrack = conditioned || !samples.isBinary();
    CompletableFuture<List<Estimate>> bits =
        bitTrack
            ? CompletableFuture.supplyAsync(() -> bitstringTrack(samples, truncateBitstring))
            : CompletableFuture.completedFuture(List.of());
    List<Estimate> literal =
        conditioned ? List.of() : all(nonIidEstimators(samples.symbols(), samples.distinct()));
    List<Estimate> bitstring = bits.join();
    return combine("non-IID", samples, conditioned, literal, bitstring, Optional.empty());
  }

  private static List<Estimate> bitstringTrack(Samples samples, boolean truncate) {
    byte[] b = samples.bitstring();
    if (truncate && b.length > TRUNCATED_BITS) {
      b = Arrays.copyOf(b, TRUNCATED_BITS);
    }
    return all(nonIidEstimators(b, 2));
  }

  /**
   * The IID track ({@code ea_iid}): chi-square, longest-repeated-substring and permutation tests,
   * and the MCV estimate on the samples and the bitstring, with {@link PermutationTest#ROUNDS}
   * shuffles seeded from {@link SecureRandom}.
   */
  public static Assessment iid(Samples samples, boolean conditioned) {
    return iid(samples, conditioned, new SecureRandom().nextLong(), PermutationTest.ROUNDS);
  }

  /**
   * The IID track with a given shuffle seed (repeatable) and number of shuffles (the standard's is
   * 10,000; fewer only for tests). The bzip2 statistic is computed in Java, equal byte for byte to
   * libbz2's, so no native library is needed.
   *
   * @throws IllegalStateException if the permutation test cannot run
   */
  public static Assessment iid(Samples samples, boolean conditioned, long seed, int rounds) {
    Objects.requireNonNull(samples, "samples");
    if (rounds < 0) {
      throw new IllegalArgumentException("shuffles " + rounds + "; must be >= 0");
    }
    byte[] sym = samples.symbols();
    int k = samples.distinct();
    CompletableFuture<ChiSquare.Result> ind =
        CompletableFuture.supplyAsync(() -> ChiSquare.independence(sym, k));
    CompletableFuture<ChiSquare.Result> fit =
        CompletableFuture.supplyAsync(() -> ChiSquare.goodnessOfFit(sym, k));
    CompletableFuture<double[]> lrs = CompletableFuture.supplyAsync(() -> lrsTest(sym, k));
    List<PermutationResult> perm =
        rounds == 0 ? List.of() : PermutationTest.run(samples, seed, rounds);
    IidTests tests = iidTests(ind.join(), fit.join(), lrs.join(), perm);
    List<Estimate> literal = conditioned ? List.of() : List.of(MostCommonValue.estimate(sym, k));
    List<Estimate> bitstring =
        conditioned || !samples.isBinary()
            ? List.of(MostCommonValue.ofBitstring(samples.raw(), samples.bits()))
            : List.of();
    return combine("IID", samples, conditioned, literal, bitstring, Optional.of(tests));
  }

  private static IidTests iidTests(
      ChiSquare.Result ind, ChiSquare.Result fit, double[] lrs, List<PermutationResult> perm) {
    return new IidTests(
        ind.t(),
        ind.df(),
        ind.p(),
        fit.t(),
        fit.df(),
        fit.p(),
        (long) lrs[0],
        lrs[1],
        lrs[2],
        perm);
  }

  /**
   * SP 800-90B section 5.2.5: W = the longest repeated substring, P_col = sum of p_i^2, and Pr(X >=
   * 1) = 1 - (1 - P_col^W)^C(L-W+1, 2), computed through log1p as the tool does.
   */
  static double[] lrsTest(byte[] s, int k) {
    double pCol = 0;
    for (double p : ChiSquare.proportions(s, k)) {
      pCol += p * p;
    }
    if (pCol > 1.0 - Math.ulp(1.0)) {
      return new double[] {0, 1.0, 1.0};
    }
    int w = longestRepeat(s, k, pCol);
    double pairs = (double) (s.length - w + 1) * (s.length - w) / 2.0;
    double pr = -Math.expm1(pairs * Math.log1p(-Math.pow(pCol, w)));
    return new double[] {w, pCol, pr};
  }

  /**
   * W of the LRS test: from sorted windows when a short repeat is expected, else a suffix array.
   */
  private static int longestRepeat(byte[] s, int k, double pCol) {
    int w = ShortRepeats.worthTrying(s.length, pCol) ? ShortRepeats.longest(s) : -1;
    if (w >= 0) {
      return w;
    }
    for (int x : SuffixArray.lcp(s, SuffixArray.build(s, k))) {
      w = Math.max(w, x);
    }
    return Math.max(w, 0);
  }

  /** The estimators that apply to samples with {@code k} distinct values, in the tool's order. */
  static List<Supplier<List<Estimate>>> nonIidEstimators(byte[] s, int k) {
    List<Supplier<List<Estimate>>> out = new ArrayList<>();
    out.add(one(() -> MostCommonValue.estimate(s, k)));
    if (k == 2) {
      out.add(one(() -> Collision.estimate(s)));
      out.add(one(() -> Markov.estimate(s)));
      out.add(one(() -> Compression.estimate(s)));
    }
    // t-Tuple and LRS share one suffix array
    out.add(() -> TupleEstimates.estimate(s, k));
    out.add(one(() -> MultiMcw.estimate(s, k)));
    out.add(one(() -> Lag.estimate(s, k)));
    out.add(one(() -> MultiMmc.estimate(s, k)));
    out.add(one(() -> Lz78y.estimate(s, k)));
    return out;
  }

  /** An estimator that may not run (too few samples) as a list of zero or one results. */
  private static Supplier<List<Estimate>> one(Supplier<Estimate> estimator) {
    return () -> {
      Estimate e = estimator.get();
      return e == null ? List.of() : List.of(e);
    };
  }

  /** Runs the estimators in parallel and flattens their results in order. */
  private static List<Estimate> all(List<Supplier<List<Estimate>>> estimators) {
    List<CompletableFuture<List<Estimate>>> running = new ArrayList<>();
    for (Supplier<List<Estimate>> e : estimators) {
      running.add(CompletableFuture.supplyAsync(e));
    }
    List<Estimate> out = new ArrayList<>();
    for (CompletableFuture<List<Estimate>> f : running) {
      out.addAll(f.join());
    }
    return out;
  }

  static Assessment combine(
      String track,
      Samples s,
      boolean conditioned,
      List<Estimate> literal,
      List<Estimate> bitstring,
      Optional<IidTests> iid) {
    int n = s.bits();
    double hOriginal = literal.isEmpty() ? Double.NaN : min(n, literal);
    double hBitstring = bitstring.isEmpty() ? Double.NaN : min(1.0, bitstring);
    double assessed;
    if (conditioned) {
      assessed = n * hBitstring;
    } else {
      assessed = bitstring.isEmpty() ? hOriginal : Math.min(hOriginal, n * hBitstring);
    }
    return new Assessment(
        track, conditioned, n, literal, bitstring, hOriginal, hBitstring, assessed, iid);
  }

  private static double min(double start, List<Estimate> estimates) {
    double m = start;
    for (Estimate e : estimates) {
      m = Math.min(m, e.minEntropy());
    }
    return m;
  }
}
