package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessCommandTest {
  private static Path sample(String name) {
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"), "testdata", "90b");
    assumeTrue(Files.isDirectory(dir), "shared SP 800-90B test data not found at " + dir);
    return dir.resolve(name);
  }

  @Test
  void nonIidJsonMatchesReferenceTool() throws Exception {
    CliRun run = CliRun.run("assess", sample("h_hwrng.bin").toString(), "--bits", "8", "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode out = new ObjectMapper().readTree(run.out());
    assertEquals("non-IID", out.get("track").asText());
    assertEquals(6.8576743559885687, out.get("min_entropy").asDouble(), 1e-6);
    assertEquals(7.7338142223260169, out.get("h_original").asDouble(), 1e-6);
    assertEquals(7, out.get("literal").size());
    assertEquals(10, out.get("bitstring").size());
  }

  @Test
  void tablePrintsEveryEstimatorAndTheResult() throws Exception {
    CliRun run = CliRun.run("assess", sample("h_hwrng.bin").toString(), "--bits", "8");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.out().contains("Bitstring LZ78Y"), run.out());
    assertTrue(run.out().contains("min-entropy: 6.857674 bits per sample"), run.out());
  }

  @Test
  void missingFileIsBadInput() throws Exception {
    CliRun run = CliRun.run("assess", "/nonexistent/samples.bin", "--bits", "8");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("/nonexistent/samples.bin"), run.stderr());
  }

  @Test
  void samplesWiderThanBitsAreBadInput() throws Exception {
    CliRun run = CliRun.run("assess", sample("a_uniform8.bin").toString(), "--bits", "4");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("wider than 4 bits"), run.stderr());
  }

  @Test
  void fewerThanAThousandSamplesAreBadInput(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("short.bin"), new byte[999]);
    CliRun run = CliRun.run("assess", file.toString(), "--bits", "1");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("999 samples"), run.stderr());
  }

  @Test
  void bothTracksAtOnceIsBadInput() throws Exception {
    CliRun run = CliRun.run("assess", "x.bin", "--bits", "8", "--iid", "--non-iid");
    assertEquals(2, run.exitCode());
  }

  @Test
  void liveHwrngSamplesAreAssessed(@TempDir Path home) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/dev/hwrng")), "no readable /dev/hwrng on this machine");
    CliRun run =
        CliRun.run(
            "assess",
            "--source",
            "hwrng",
            "--samples",
            "5000",
            "--bits",
            "8",
            "--json",
            "--home",
            home.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("fewer than 1000000 samples"), run.stderr());
    assertTrue(CliRun.snapshot(home).isEmpty(), "a short assessment must not become a claim");
    JsonNode out = new ObjectMapper().readTree(run.out());
    assertEquals("hwrng", out.get("source").asText());
    assertEquals(5000, out.get("samples").asInt());
    double h = out.get("min_entropy").asDouble();
    assertTrue(h > 3 && h <= 8, "a real noise source assesses well above zero: " + h);
  }

  @Test
  void fileAndSourceTogetherAreBadInput() throws Exception {
    CliRun run = CliRun.run("assess", "x.bin", "--source", "hwrng", "--bits", "8");
    assertEquals(2, run.exitCode());
    assertTrue(run.stderr().contains("not both"), run.stderr());
  }

  @Test
  void aLiveSourceAssessmentBecomesTheBasisOfItsLaterDraws(@TempDir Path dir) throws Exception {
    byte[] noise = new byte[1_100_000];
    new java.security.SecureRandom().nextBytes(noise);
    Path file = Files.write(dir.resolve("noise.bin"), noise);
    String spec = "file:" + file + "?class=hardware";
    String home = dir.resolve("home").toString();
    ObjectMapper json = new ObjectMapper();
    CliRun before = CliRun.run("draw", "--bytes", "16", "--source", spec, "--home", home);
    assertEquals(0, before.exitCode(), before.stderr());
    String configBasis =
        json.readTree(before.out()).get("provenance").get("min_entropy_basis").asText();

    CliRun assess =
        CliRun.run(
            "assess",
            "--source",
            spec,
            "--samples",
            "1000000",
            "--bits",
            "8",
            "--non-iid",
            "--home",
            home);
    assertEquals(0, assess.exitCode(), assess.stderr());
    CliRun after = CliRun.run("draw", "--bytes", "16", "--source", spec, "--home", home);

    assertEquals(0, after.exitCode(), after.stderr());
    String basis = json.readTree(after.out()).get("provenance").get("min_entropy_basis").asText();
    assertTrue(configBasis.startsWith("config"), configBasis);
    assertTrue(
        basis.startsWith("sp800-90b assessment: non-IID track, 1000000 samples of 8 bits, H="),
        basis);
  }
}
