package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quamtx.core.health.SharedData;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IID track against what NIST's tool (v1.1.7) printed with -vv: the MCV estimates, both
 * chi-square tests, the LRS test, the 19 permutation statistics of the unshuffled samples, and the
 * verdicts. The shuffles are seeded here (the tool's are random), so only the verdicts compare.
 */
class IidReferenceTest {
  private static final long SEED = 20261204L;

  static Stream<String> files() throws IOException {
    return NonIidReferenceTest.files();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void testsAndUnshuffledStatisticsMatchTool(String file) throws IOException {
    JsonNode run = NonIidReferenceTest.expected(file).get("iid").get("vv");
    Samples s = Samples.read(SharedData.dir90b().resolve(file), NonIidReferenceTest.bits(run));
    JsonNode iid = run.get("iid");
    Assessment a = EntropyAssessment.iid(s, false, SEED, 0);
    IidTests t = a.iid().orElseThrow();
    compareEstimates(run, a);
    compareChiSquare(iid, t);
    JsonNode lrs = run.get("Literal").get("LRS_IID_test");
    assertEquals(lrs.get("W").asLong(), t.lrsLength());
    assertEquals(lrs.get("P_col").asDouble(), t.lrsCollision(), 1e-12);
    assertEquals(lrs.get("Pr(X >= 1)").asDouble(), t.lrsProbability(), 1e-9);
    assertEquals(passed(iid, "Length of longest repeated substring test"), t.lrsPassed());
    compareStatistics(file, iid.get("permutation_unpermuted_statistics"), s);
    assertTrue(t.permutation().isEmpty());
    assertFalse(t.passed(), "no verdict without the permutation test");
    assertEquals(run.get("summary").get("Assessed min entropy").asDouble(), a.minEntropy(), 1e-9);
  }

  @Test
  void permutationVerdictMatchesToolOnHwrng() throws IOException {
    checkVerdict("h_hwrng.bin");
  }

  /** The other files' verdicts take minutes of CPU each: 10,000 rounds over 10^6 samples. */
  @Tag("long")
  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void permutationVerdictMatchesToolLong(String file) throws IOException {
    checkVerdict(file);
  }

  private static void checkVerdict(String file) throws IOException {
    JsonNode run = NonIidReferenceTest.expected(file).get("iid").get("vv");
    JsonNode iid = run.get("iid");
    assumeTrue(iid.has("IID permutation tests"), "the tool's run did not finish for " + file);
    Samples s = Samples.read(SharedData.dir90b().resolve(file), NonIidReferenceTest.bits(run));
    Assessment a = EntropyAssessment.iid(s, false, SEED, PermutationTest.ROUNDS);
    IidTests t = a.iid().orElseThrow();
    assertEquals(19, t.permutation().size());
    JsonNode stats = iid.get("permutation_unpermuted_statistics");
    for (PermutationResult r : t.permutation()) {
      assertEquals(stats.get(r.statistic()).asDouble(), r.original(), 1e-6, r.statistic());
    }
    assertEquals(passed(iid, "IID permutation tests"), t.permutationPassed(), t.toString());
    assertEquals(
        passed(iid, "Chi square tests")
            && passed(iid, "Length of longest repeated substring test")
            && passed(iid, "IID permutation tests"),
        t.passed());
  }

  static void compareEstimates(JsonNode run, Assessment a) {
    NonIidReferenceTest.compare("literal MCV", run.get("Literal").get("MCV"), a.literal().get(0));
    JsonNode bits = run.get("Bitstring");
    if (bits == null || bits.isNull()) {
      assertTrue(a.bitstring().isEmpty());
    } else {
      NonIidReferenceTest.compare("bitstring MCV", bits.get("MCV"), a.bitstring().get(0));
    }
  }

  static void compareChiSquare(JsonNode iid, IidTests t) {
    JsonNode ind = iid.get("chi_square_independence");
    assertEquals(ind.get("T").asDouble(), t.chiSquareIndependence(), 1e-6);
    assertEquals(ind.get("df").asLong(), t.chiSquareIndependenceDf());
    assertEquals(ind.get("P-value").asDouble(), t.chiSquareIndependenceP(), 1e-9);
    JsonNode fit = iid.get("chi_square_goodness_of_fit");
    assertEquals(fit.get("T").asDouble(), t.chiSquareFit(), 1e-6);
    assertEquals(fit.get("df").asLong(), t.chiSquareFitDf());
    assertEquals(fit.get("P-value").asDouble(), t.chiSquareFitP(), 1e-9);
    assertEquals(passed(iid, "Chi square tests"), t.chiSquarePassed());
  }

  static void compareStatistics(String file, JsonNode expected, Samples s) {
    boolean[] all = new boolean[PermutationStatistics.NAMES.length];
    Arrays.fill(all, true);
    double[] got = new double[all.length];
    new PermutationStatistics(s.symbols(), s.raw(), s.distinct())
        .compute(s.symbols(), s.raw(), all, got);
    for (int i = 0; i < all.length; i++) {
      String name = PermutationStatistics.NAMES[i];
      assertEquals(expected.get(name).asDouble(), got[i], 1e-6, file + " " + name);
    }
  }

  static boolean passed(JsonNode iid, String key) {
    return iid.get(key).asText().equals("Passed");
  }
}
