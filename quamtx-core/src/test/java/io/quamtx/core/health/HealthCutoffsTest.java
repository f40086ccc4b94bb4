package io.quamtx.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HealthCutoffsTest {

  static Stream<Arguments> rctEntries() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> alpha : fields(SharedData.json("cutoffs.json").get("RCT"))) {
      for (Map.Entry<String, JsonNode> h : fields(alpha.getValue())) {
        out.add(Arguments.of(alphaLog2(alpha.getKey()), h.getKey(), h.getValue().asInt()));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> aptEntries() throws IOException {
    JsonNode root = SharedData.json("cutoffs.json");
    List<Arguments> out = new ArrayList<>();
    addApt(out, root.get("APT_nonbinary_W512"), 512);
    addApt(out, root.get("APT_binary_W1024"), 1024);
    return out.stream();
  }

  static Stream<Arguments> jitterEntries() throws IOException {
    JsonNode root =
        SharedData.json("cutoffs.json").get("crosscheck_jitterentropy_style_W512_H=1/osr");
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> osr : fields(root)) {
      for (Map.Entry<String, JsonNode> alpha : fields(osr.getValue())) {
        int o = Integer.parseInt(osr.getKey().substring("osr=".length()));
        out.add(Arguments.of(o, alphaLog2(alpha.getKey()), alpha.getValue().asInt()));
      }
    }
    return out.stream();
  }

  private static void addApt(List<Arguments> out, JsonNode table, int window) {
    for (Map.Entry<String, JsonNode> alpha : fields(table)) {
      for (Map.Entry<String, JsonNode> h : fields(alpha.getValue())) {
        out.add(Arguments.of(window, alphaLog2(alpha.getKey()), h.getKey(), h.getValue()));
      }
    }
  }

  @ParameterizedTest(name = "RCT alpha=2^-{0} H={1}")
  @MethodSource("rctEntries")
  void rctMatchesReference(int alphaLog2, String h, int expected) {
    assertEquals(expected, HealthCutoffs.rctCutoff(Double.parseDouble(h), alphaLog2));
  }

  @ParameterizedTest(name = "APT W={0} alpha=2^-{1} H={2}")
  @MethodSource("aptEntries")
  void aptBothFormsMatchReference(int window, int alphaLog2, String h, JsonNode expected) {
    double entropy = Double.parseDouble(h);
    int spec = HealthCutoffs.aptCutoffStandard(window, entropy, alphaLog2);
    int corrected = HealthCutoffs.aptCutoffCorrected(window, entropy, alphaLog2);
    assertEquals(expected.get("C_spec").asInt(), spec, "standard form");
    assertEquals(expected.get("C_corrected").asInt(), corrected, "corrected form");
    double log2 =
        Math.log(HealthCutoffs.aptFalseAlarmRate(window, entropy, corrected)) / Math.log(2);
    assertEquals(expected.get("false_alarm_log2_corrected_C").asDouble(), log2, 1e-9);
    assertTrue(log2 <= -alphaLog2, "the corrected form never exceeds alpha");
  }

  @ParameterizedTest(name = "jitterentropy osr={0} alpha=2^-{1}")
  @MethodSource("jitterEntries")
  void correctedFormReproducesJitterentropy(int osr, int alphaLog2, int expected) {
    assertEquals(expected, HealthCutoffs.aptCutoffCorrected(512, 1.0 / osr, alphaLog2));
  }

  @Test
  void createPicksWindowAndCorrectedForm() {
    HealthCutoffs bytes = HealthCutoffs.create(8, 6, 20);
    assertEquals(512, bytes.window());
    assertEquals(26, bytes.aptCutoff());
    assertEquals(5, bytes.rctCutoff());
    HealthCutoffs bits = HealthCutoffs.create(1, 1, 30);
    assertEquals(1024, bits.window());
    assertEquals(609, bits.aptCutoff());
    assertEquals(31, bits.rctCutoff());
  }

  @ParameterizedTest
  @CsvSource({"0, 8, 20", "9, 8, 20", "64, 0, 20", "8, 0, 20", "8, 8.5, 20", "8, 4, 0", "8, 4, 41"})
  void rejectsBadParameters(int bits, double entropy, int alphaLog2) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HealthCutoffs.create(bits, entropy, alphaLog2));
    assertTrue(e.getMessage().matches(".*\\d.*"), "message names the bad value");
  }

  private static int alphaLog2(String key) {
    return Integer.parseInt(key.substring("alpha=2^-".length()));
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /**
   * Where the Bernoulli bound says k = 0 suffices, the full sum agrees; where it does not apply,
   * the sum is taken. Integer and fractional claims, both window sizes, several alphas.
   */
  @Test
  void theNoMatchShortcutAgreesWithTheSumWhereverItApplies() {
    int applied = 0;
    for (int n : new int[] {511, 1023}) {
      for (double h : new double[] {0.5, 1, 7.5, 8, 9, 12, 12.5, 20, 21, 29, 30, 31, 32, 48, 64}) {
        for (int alphaLog2 : new int[] {1, 8, 20, 30, 40}) {
          if (HealthCutoffs.noMatchIsLikely(n, h, alphaLog2)) {
            applied++;
            assertEquals(0, HealthCutoffs.critBinomSummed(n, h, alphaLog2), n + " " + h);
          }
          assertEquals(
              HealthCutoffs.critBinomSummed(n, h, alphaLog2),
              HealthCutoffs.critBinom(n, h, alphaLog2),
              n + " " + h + " " + alphaLog2);
        }
      }
    }
    assertTrue(applied > 10, "the shortcut applied in only " + applied + " cases");
    assertEquals(2, HealthCutoffs.create(64, 32, 20).aptCutoff(), "RDSEED's default claim");
    assertFalse(HealthCutoffs.noMatchIsLikely(511, 28, 20), "511 x 2^-28 is above 2^-20");
  }
}
