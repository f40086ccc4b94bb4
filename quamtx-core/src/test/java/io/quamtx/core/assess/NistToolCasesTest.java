package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every non-IID estimator against NIST's tool (v1.1.7, rebuilt and validated as told in {@code
 * nist-90b-1.1.7/README.md}) on files beyond the shared ones: other sizes (1,000 to 1,000,000),
 * widths (1, 2, 4, 6, 8 bits) and sources, to 1e-6 absolute with integer intermediates exact.
 * Generated files are rebuilt here and checked against the SHA-256 the tool saw.
 */
class NistToolCasesTest {
  private static final String FOLDER = "/nist-90b-1.1.7";
  private static final long SEED = 20261204L;

  /** Above this many samples the 10,000 seeded rounds would cost too much for the default run. */
  private static final int VERDICT_SAMPLES = 10_000;

  static Stream<String> defaultCases() {
    return cases("default");
  }

  static Stream<String> longCases() {
    return cases("long");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultCases")
  void nonIidMatchesTool(String name) throws IOException {
    check(name);
  }

  /** 10^6 samples of 4 or 8 bits: tens of seconds each. */
  @Tag("long")
  @ParameterizedTest(name = "{0}")
  @MethodSource("longCases")
  void nonIidMatchesToolLong(String name) throws IOException {
    check(name);
  }

  static Stream<String> conditionedCases() {
    return cases("default").filter(n -> read(n).has("non_iid_c"));
  }

  /** {@code ea_non_iid -c}: the bitstring estimators only, and h'. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("conditionedCases")
  void conditionedMatchesTool(String name) throws IOException {
    JsonNode doc = read(name);
    Samples s = Samples.of(samples(doc.get("case")), doc.get("case").get("bits").asInt());
    Assessment a = EntropyAssessment.nonIid(s, true);
    JsonNode run = doc.get("non_iid_c");
    assertTrue(a.literal().isEmpty(), "no literal estimates with -c");
    NonIidReferenceTest.compareTrack(name + " conditioned", run.get("Bitstring"), a.bitstring());
    JsonNode summary = run.get("summary");
    assertEquals(summary.get("H_bitstring").asDouble(), a.hBitstring(), 1e-6, "h'");
    assertEquals(summary.get("Assessed min entropy").asDouble(), a.minEntropy(), 1e-6);
  }

  static Stream<String> truncatedCases() {
    return cases("default").filter(n -> read(n).has("non_iid_t"));
  }

  /** {@code ea_non_iid -t}: H_bitstring from the first 10^6 bits only. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("truncatedCases")
  void truncatedMatchesTool(String name) throws IOException {
    JsonNode doc = read(name);
    Samples s = Samples.of(samples(doc.get("case")), doc.get("case").get("bits").asInt());
    Assessment a = EntropyAssessment.nonIid(s, false, true);
    JsonNode run = doc.get("non_iid_t");
    NonIidReferenceTest.compareTrack(name + " truncated", run.get("Bitstring"), a.bitstring());
    JsonNode summary = run.get("summary");
    assertEquals(summary.get("H_bitstring").asDouble(), a.hBitstring(), 1e-6, "H_bitstring");
    assertEquals(summary.get("Assessed min entropy").asDouble(), a.minEntropy(), 1e-6);
  }

  static Stream<String> iidCases() {
    return cases("default").filter(n -> read(n).has("iid"));
  }

  /**
   * The IID track (ea_iid): MCV estimates, both chi-square tests, the LRS test and the 19
   * unshuffled permutation statistics to 1e-6; then, where the tool's 10,000 rounds finished, the
   * permutation verdict with a seeded shuffle (the tool's own is seeded from /dev/urandom).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("iidCases")
  void iidMatchesTool(String name) throws IOException {
    checkIid(name, VERDICT_SAMPLES);
  }

  /** The permutation verdict on every case whose tool run finished: up to a minute each. */
  @Tag("long")
  @ParameterizedTest(name = "{0}")
  @MethodSource("iidCases")
  void iidVerdictMatchesToolLong(String name) throws IOException {
    checkIid(name, Integer.MAX_VALUE);
  }

  private static void checkIid(String name, int verdictSamples) throws IOException {
    JsonNode doc = read(name);
    JsonNode run = doc.get("iid");
    Samples s = Samples.of(samples(doc.get("case")), doc.get("case").get("bits").asInt());
    boolean verdict = run.get("complete").asBoolean() && s.size() <= verdictSamples;
    Assessment a = EntropyAssessment.iid(s, false, SEED, verdict ? PermutationTest.ROUNDS : 0);
    IidTests t = a.iid().orElseThrow();
    JsonNode iid = run.get("iid");
    IidReferenceTest.compareEstimates(run, a);
    IidReferenceTest.compareChiSquare(iid, t);
    JsonNode lrs = run.get("Literal").get("LRS_IID_test");
    assertEquals(lrs.get("W").asLong(), t.lrsLength(), "LRS W");
    assertEquals(lrs.get("P_col").asDouble(), t.lrsCollision(), 1e-12, "P_col");
    assertEquals(lrs.get("Pr(X >= 1)").asDouble(), t.lrsProbability(), 1e-9, "Pr(X >= 1)");
    assertEquals(
        IidReferenceTest.passed(iid, "Length of longest repeated substring test"), t.lrsPassed());
    IidReferenceTest.compareStatistics(name, iid.get("permutation_unpermuted_statistics"), s);
    if (verdict) {
      assertEquals(
          IidReferenceTest.passed(iid, "IID permutation tests"),
          t.permutationPassed(),
          t.toString());
    }
  }

  private static void check(String name) throws IOException {
    JsonNode doc = read(name);
    JsonNode c = doc.get("case");
    Samples s = Samples.of(samples(c), c.get("bits").asInt());
    Assessment a = EntropyAssessment.nonIid(s, false);
    JsonNode run = doc.get("non_iid");
    NonIidReferenceTest.compareTrack(name + " literal", run.get("Literal"), a.literal());
    NonIidReferenceTest.compareTrack(name + " bitstring", run.get("Bitstring"), a.bitstring());
    JsonNode summary = run.get("summary");
    assertEquals(summary.get("H_original").asDouble(), a.hOriginal(), 1e-6, "H_original");
    if (summary.has("H_bitstring")) {
      assertEquals(summary.get("H_bitstring").asDouble(), a.hBitstring(), 1e-6, "H_bitstring");
    } else {
      assertTrue(Double.isNaN(a.hBitstring()), "no H_bitstring for binary samples");
    }
    assertEquals(summary.get("Assessed min entropy").asDouble(), a.minEntropy(), 1e-6);
  }

  private static byte[] samples(JsonNode c) throws IOException {
    String name = c.get("name").asText();
    byte[] data =
        c.get("stored").asBoolean()
            ? Files.readAllBytes(folder().resolve(name + ".bin"))
            : CaseSamples.generate(
                c.get("kind").asText(), c.get("label").asText(), c.get("samples").asInt());
    assertEquals(c.get("samples").asInt(), data.length, name + " length");
    assertEquals(c.get("sha256").asText(), sha256(data), name + " is not the file the tool saw");
    return data;
  }

  private static Stream<String> cases(String tag) {
    try (Stream<Path> files = Files.list(folder())) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".json"))
              .map(f -> f.substring(0, f.length() - 5))
              .sorted()
              .toList();
      return names.stream().filter(n -> read(n).get("case").get("tag").asText().equals(tag));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String name) {
    try {
      return new ObjectMapper().readTree(folder().resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path folder() {
    try {
      return Path.of(NistToolCasesTest.class.getResource(FOLDER + "/README.md").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
