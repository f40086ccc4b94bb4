package io.quamtx.core.assess;

/**
 * One permutation-test statistic (SP 800-90B section 5.1).
 *
 * @param statistic the statistic's name, as NIST's tool prints it
 * @param original its value on the samples as recorded
 * @param greater C0, shuffles that scored higher
 * @param equal C1, shuffles that scored the same
 * @param less C2, shuffles that scored lower
 * @param passed whether C0 + C1 > 5 and C1 + C2 > 5
 */
public record PermutationResult(
    String statistic, double original, long greater, long equal, long less, boolean passed) {}
