package io.quamtx.core.assess;

import java.util.List;

/**
 * Results of the IID track's tests (SP 800-90B section 5). NIST's tool prints a min-entropy even
 * when these fail; callers must check {@link #passed()} before trusting an IID assessment.
 *
 * @param chiSquareIndependence the independence statistic T
 * @param chiSquareIndependenceDf its degrees of freedom
 * @param chiSquareIndependenceP its p-value
 * @param chiSquareFit the goodness-of-fit statistic T
 * @param chiSquareFitDf its degrees of freedom
 * @param chiSquareFitP its p-value
 * @param lrsLength W, the length of the longest repeated substring
 * @param lrsCollision P_col, the sum of the squared symbol proportions
 * @param lrsProbability Pr(X >= 1), the chance of a repeat of length W under IID
 * @param permutation the 19 permutation statistics, empty when not run
 */
public record IidTests(
    double chiSquareIndependence,
    long chiSquareIndependenceDf,
    double chiSquareIndependenceP,
    double chiSquareFit,
    long chiSquareFitDf,
    double chiSquareFitP,
    long lrsLength,
    double lrsCollision,
    double lrsProbability,
    List<PermutationResult> permutation) {

  /** Copies the list so the record stays immutable. */
  public IidTests {
    permutation = List.copyOf(permutation);
  }

  /** Both chi-square tests pass: p >= 0.001. */
  public boolean chiSquarePassed() {
    return chiSquareIndependenceP >= 0.001 && chiSquareFitP >= 0.001;
  }

  /** The longest-repeated-substring test passes: Pr(X >= 1) >= 0.001. */
  public boolean lrsPassed() {
    return lrsProbability >= 0.001;
  }

  /** Every permutation statistic passed (and they ran). */
  public boolean permutationPassed() {
    return !permutation.isEmpty() && permutation.stream().allMatch(PermutationResult::passed);
  }

  /** All three verdicts pass, so the IID assumption stands. */
  public boolean passed() {
    return chiSquarePassed() && lrsPassed() && permutationPassed();
  }
}
