package io.quamtx.core.assess;

/**
 * Results of the IID track's tests (SP 800-90B section 5).
 *
 * @param chiSquareIndependence the independence statistic T
 * @param chiSquareIndependenceDf its degrees of freedom
 * @param chiSquareIndependenceP its p-value
 * @param chiSquareFit the goodness-of-fit statistic T
 * @param chiSquareFitDf its degrees of freedom
 * @param chiSquareFitP its p-value
 * @param lrsLength W, the length of the longest repeated substring
 * @param lrsCollision P_col, the sum of squared symbol proportions
 * @param lrsProbability Pr(X >= 1)
 * @param passed whether the chi-square and LRS tests all passed (p >= 0.001)
 */
public record IidTests(
    double chiSquareIndependence,
    long chiSquareIndependenceDf,
    double chiSquareIndependenceP,
    double chiSquareFit,
    long chiSquareFitDf,
    double chiSquareFitP,
    int lrsLength,
    double lrsCollision,
    double lrsProbability,
    boolean passed) {}
