package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quamtx.core.health.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every non-IID estimator against what NIST's tool (v1.1.7) printed with -vv for each sample file
 * of {@code shared/testdata/90b}, to 1e-6 absolute, integer intermediates exactly.
 */
class NonIidReferenceTest {
  static final double TOLERANCE = 1e-6;

  static Stream<String> files() throws IOException {
    List<String> names = new ArrayList<>();
    SharedData.json("expected.json").get("files").fieldNames().forEachRemaining(names::add);
    return names.stream();
  }

  static JsonNode expected(String file) throws IOException {
    return SharedData.json("expected.json").get("files").get(file);
  }

  static int bits(JsonNode run) {
    String[] cmd = run.get("command").asText().split(" ");
    return Integer.parseInt(cmd[cmd.length - 1]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void initialEstimateMatchesTool(String file) throws IOException {
    JsonNode run = expected(file).get("non_iid").get("vv");
    Samples s = Samples.read(SharedData.dir90b().resolve(file), bits(run));
    Assessment a = EntropyAssessment.nonIid(s, false);
    compareTrack(file + " literal", run.get("Literal"), a.literal());
    compareTrack(file + " bitstring", run.get("Bitstring"), a.bitstring());
    JsonNode summary = run.get("summary");
    assertEquals(summary.get("H_original").asDouble(), a.hOriginal(), TOLERANCE);
    if (summary.has("H_bitstring")) {
      assertEquals(summary.get("H_bitstring").asDouble(), a.hBitstring(), TOLERANCE);
    } else {
      assertTrue(Double.isNaN(a.hBitstring()));
    }
    assertEquals(summary.get("Assessed min entropy").asDouble(), a.minEntropy(), TOLERANCE);
  }

  @Test
  void conditionedAndTruncatedRunsMatchTool() throws IOException {
    JsonNode runs = expected("a_uniform8.bin").get("non_iid");
    Samples s = Samples.read(SharedData.dir90b().resolve("a_uniform8.bin"), 8);
    Assessment c = EntropyAssessment.nonIid(s, true);
    assertTrue(c.literal().isEmpty());
    compareTrack("conditioned", runs.get("c_vv").get("Bitstring"), c.bitstring());
    JsonNode cs = runs.get("c_vv").get("summary");
    assertEquals(cs.get("H_bitstring").asDouble(), c.hBitstring(), TOLERANCE);
    Assessment t = EntropyAssessment.nonIid(s, false, true);
    compareTrack("truncated", runs.get("t_vv").get("Bitstring"), t.bitstring());
    assertEquals(
        runs.get("t_vv").get("summary").get("Assessed min entropy").asDouble(),
        t.minEntropy(),
        TOLERANCE);
  }

  static void compareTrack(String what, JsonNode expected, List<Estimate> actual) {
    if (expected == null) {
      assertTrue(actual.isEmpty(), what + ": no estimates expected");
      return;
    }
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      names.add(e.getKey());
      Optional<Estimate> got =
          actual.stream().filter(x -> x.estimator().equals(e.getKey())).findFirst();
      assertTrue(got.isPresent(), what + ": " + e.getKey() + " missing");
      compare(what + " " + e.getKey(), e.getValue(), got.get());
    }
    assertEquals(names.size(), actual.size(), what + ": estimators " + names);
  }

  static void compare(String what, JsonNode exp, Estimate got) {
    assertEquals(exp.get("min entropy").asDouble(), got.minEntropy(), TOLERANCE, what + " H");
    for (String key : new String[] {"p-hat", "p-hat_max", "P_global", "p"}) {
      if (exp.has(key)) {
        assertEquals(exp.get(key).asDouble(), got.pHat(), TOLERANCE, what + " " + key);
      }
    }
    for (String key : new String[] {"p_u"}) {
      if (exp.has(key)) {
        assertEquals(exp.get(key).asDouble(), got.pUpper(), TOLERANCE, what + " " + key);
      }
    }
    for (Map.Entry<String, Number> d : got.details().entrySet()) {
      JsonNode e = exp.get(d.getKey());
      if (e != null && e.isIntegralNumber()) {
        assertEquals(e.asLong(), d.getValue().longValue(), what + " " + d.getKey());
      } else if (e != null) {
        assertEquals(e.asDouble(), d.getValue().doubleValue(), TOLERANCE, what + " " + d.getKey());
      }
    }
  }
}
