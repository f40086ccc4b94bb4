package io.quamtx.core.health;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Cutoffs of the SP 800-90B section 4.4 continuous health tests, computed from the claimed
 * min-entropy per sample {@code H} and the false-alarm rate {@code alpha = 2^-alphaLog2}.
 *
 * <p>Repetition Count Test (4.4.1): {@code C = 1 + ceil(-log2(alpha) / H)}.
 *
 * <p>Adaptive Proportion Test (4.4.2): the window's first sample is the reference and is not itself
 * random, so only the {@code W - 1} samples after it can match by chance. We therefore use the
 * corrected form {@code C = 2 + CRITBINOM(W - 1, 2^-H, 1 - alpha)}, as Linux and jitterentropy do,
 * rather than the standard's {@code 1 + CRITBINOM(W, 2^-H, 1 - alpha)}: the corrected cutoff never
 * has a false-alarm rate above alpha, while the standard's can (for H = 6, W = 512 and alpha =
 * 2^-20 it gives 2^-18.44). The alarm fires when the count B of samples equal to the reference, the
 * reference included, reaches C.
 *
 * <p>Binomial tails are summed in decimal arithmetic with 60 significant digits; when {@code 2^-H}
 * is dyadic the result is exact to that precision.
 */
public final class HealthCutoffs {
  /** The default false-alarm rate, 2^-20. */
  public static final int DEFAULT_ALPHA_LOG2 = 20;

  /** The smallest false-alarm rate allowed, 2^-40. */
  public static final int MAX_ALPHA_LOG2 = 40;

  private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

  private final double minEntropy;
  private final int alphaLog2;
  private final int window;
  private final int rctCutoff;
  private final int aptCutoff;

  private HealthCutoffs(double minEntropy, int alphaLog2, int window) {
    this.minEntropy = minEntropy;
    this.alphaLog2 = alphaLog2;
    this.window = window;
    this.rctCutoff = rctCutoff(minEntropy, alphaLog2);
    this.aptCutoff = aptCutoffCorrected(window, minEntropy, alphaLog2);
  }

  /**
   * Cutoffs for samples of {@code sampleBits} bits with claimed min-entropy {@code minEntropy}.
   *
   * @throws IllegalArgumentException if H is not in (0, sampleBits] or alpha is out of range
   */
  public static HealthCutoffs create(int sampleBits, double minEntropy, int alphaLog2) {
    if (sampleBits < 1 || (sampleBits > 8 && sampleBits != 64)) {
      throw new IllegalArgumentException(
          "sample width " + sampleBits + " bits; allowed: 1 to 8, or 64");
    }
    if (!(minEntropy > 0) || minEntropy > sampleBits) {
      throw new IllegalArgumentException(
          "claimed min-entropy "
              + minEntropy
              + " bits per sample; allowed: (0, "
              + sampleBits
              + "]");
    }
    if (alphaLog2 < 1 || alphaLog2 > MAX_ALPHA_LOG2) {
      throw new IllegalArgumentException(
          "false-alarm rate 2^-" + alphaLog2 + "; allowed: 2^-1 to 2^-" + MAX_ALPHA_LOG2);
    }
    return new HealthCutoffs(minEntropy, alphaLog2, sampleBits == 1 ? 1024 : 512);
  }

  /** RCT cutoff: {@code 1 + ceil(alphaLog2 / H)}. */
  public static int rctCutoff(double minEntropy, int alphaLog2) {
    return 1 + (int) Math.ceil(alphaLog2 / minEntropy - 1e-12);
  }

  /** APT cutoff in the standard's form, {@code 1 + CRITBINOM(W, 2^-H, 1 - alpha)}. */
  public static int aptCutoffStandard(int window, double minEntropy, int alphaLog2) {
    return 1 + critBinom(window, minEntropy, alphaLog2);
  }

  /** APT cutoff in the corrected form, {@code 2 + CRITBINOM(W - 1, 2^-H, 1 - alpha)}. */
  public static int aptCutoffCorrected(int window, double minEntropy, int alphaLog2) {
    return Math.min(window, 2 + critBinom(window - 1, minEntropy, alphaLog2));
  }

  /** The smallest k with P[Bin(n, 2^-H) <= k] >= 1 - 2^-alphaLog2. */
  static int critBinom(int n, double minEntropy, int alphaLog2) {
    if (noMatchIsLikely(n, minEntropy, alphaLog2)) {
      return 0;
    }
    return critBinomSummed(n, minEntropy, alphaLog2);
  }

  /**
   * Whether k = 0 already satisfies {@link #critBinom}, shown without summing: by Bernoulli's
   * inequality P[Bin(n, p) = 0] = (1 - p)^n >= 1 - n p, so n p <= alpha suffices. For an integer H,
   * n 2^-H and 2^-alphaLog2 are exact in double arithmetic; otherwise the product gets a margin far
   * above its rounding error. This is the case of wide samples with a high claim (RDSEED's 32 bits
   * per word: 511 x 2^-32 against 2^-20), whose exact sums would otherwise cost a fresh JVM's first
   * draw milliseconds.
   */
  static boolean noMatchIsLikely(int n, double minEntropy, int alphaLog2) {
    double np = n * Math.pow(2, -minEntropy);
    if (minEntropy != Math.rint(minEntropy)) {
      np *= 1 + 1e-9;
    }
    return np <= Math.scalb(1.0, -alphaLog2);
  }

  /** {@link #critBinom} by summing the binomial terms in 60-digit decimal arithmetic. */
  static int critBinomSummed(int n, double minEntropy, int alphaLog2) {
    BigDecimal p = probability(minEntropy);
    BigDecimal q = BigDecimal.ONE.subtract(p, MC);
    BigDecimal target =
        BigDecimal.ONE.subtract(
            BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(alphaLog2), MC), MC);
    BigDecimal ratio = p.divide(q, MC);
    BigDecimal term = q.pow(n, MC);
    BigDecimal cdf = term;
    int k = 0;
    while (cdf.compareTo(target) < 0 && k < n) {
      term = term.multiply(BigDecimal.valueOf(n - k), MC).divide(BigDecimal.valueOf(k + 1), MC);
      term = term.multiply(ratio, MC);
      cdf = cdf.add(term, MC);
      k++;
    }
    return k;
  }

  /**
   * The probability that one APT window of an ideal source, whose reference value has probability
   * exactly {@code 2^-H}, reaches {@code cutoff}: {@code P[Bin(W - 1, 2^-H) >= cutoff - 1]}. This
   * is the per-window false-alarm rate a cutoff really gives.
   */
  public static double aptFalseAlarmRate(int window, double minEntropy, int cutoff) {
    BigDecimal p = probability(minEntropy);
    BigDecimal q = BigDecimal.ONE.subtract(p, MC);
    int n = window - 1;
    BigDecimal ratio = p.divide(q, MC);
    BigDecimal term = q.pow(n, MC);
    BigDecimal below = BigDecimal.ZERO;
    for (int k = 0; k < cutoff - 1 && k <= n; k++) {
      below = below.add(term, MC);
      term = term.multiply(BigDecimal.valueOf(n - k), MC).divide(BigDecimal.valueOf(k + 1), MC);
      term = term.multiply(ratio, MC);
    }
    return BigDecimal.ONE.subtract(below, MC).doubleValue();
  }

  private static BigDecimal probability(double minEntropy) {
    if (minEntropy == Math.rint(minEntropy)) {
      return BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow((int) minEntropy), MC);
    }
    return new BigDecimal(Math.pow(2, -minEntropy), MC);
  }

  /** The claimed min-entropy per sample, bits. */
  public double minEntropy() {
    return minEntropy;
  }

  /** The false-alarm rate as {@code alpha = 2^-alphaLog2}. */
  public int alphaLog2() {
    return alphaLog2;
  }

  /** The APT window: 1024 for binary samples, 512 otherwise. */
  public int window() {
    return window;
  }

  /** The run length at which the Repetition Count Test alarms. */
  public int rctCutoff() {
    return rctCutoff;
  }

  /** The count of reference matches in one window at which the APT alarms (corrected form). */
  public int aptCutoff() {
    return aptCutoff;
  }
}
