package io.quamtx.core.assess;

import java.util.Map;

/**
 * One estimator's result, in the terms NIST's reference tool prints.
 *
 * @param estimator the estimator's key: {@code MCV}, {@code Collision}, {@code Markov}, {@code
 *     Compression}, {@code t-Tuple}, {@code LRS}, {@code MultiMCW}, {@code Lag}, {@code MultiMMC}
 *     or {@code LZ78Y}
 * @param pHat the estimated probability of the most likely outcome (for predictors P_global; for
 *     Collision and Compression the solved p; for Markov the most likely 128-bit path)
 * @param pUpper the upper bound used for the entropy (p_u, P_global', or p itself where the
 *     estimator has no separate bound)
 * @param minEntropy the min-entropy estimate in bits per sample (per bit on a bitstring)
 * @param details intermediate values under the tool's names (C, N, r, t, u, v, X-bar, ...)
 */
public record Estimate(
    String estimator, double pHat, double pUpper, double minEntropy, Map<String, Number> details) {

  /** Copies {@code details} so the record stays immutable. */
  public Estimate {
    details = Map.copyOf(details);
  }
}
