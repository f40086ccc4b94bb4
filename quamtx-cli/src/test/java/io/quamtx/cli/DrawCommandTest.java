package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The main job end to end on this machine's real sources, through a child JVM. */
class DrawCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private CliRun quamtx(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return CliRun.run(all);
  }

  @Test
  void drawPrintsHexDataAndARecordThatVerifiesAndChains() throws Exception {
    CliRun first = quamtx("draw", "--bytes", "32", "--format", "hex");
    assertEquals(0, first.exitCode(), first.stderr());
    JsonNode one = JSON.readTree(first.out());

    assertTrue(one.get("data").asText().matches("[0-9a-f]{64}"), first.out());
    assertEquals("hex", one.get("format").asText());
    JsonNode record = one.get("provenance");
    assertEquals("hardware", record.get("source_class").asText());
    assertEquals(32, record.get("bytes").asInt());
    assertTrue(record.get("provenance_id").asText().startsWith("pvn_"));
    assertTrue(record.get("chain_hash").asText().matches("sha256:[0-9a-f]{64}"));
    assertTrue(record.get("previous_hash").asText().matches("sha256:[0-9a-f]{64}"));
    assertTrue(record.get("signed_by").asText().startsWith("quamtx-edge-"));
    assertTrue(
        record
            .get("timestamp")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    assertEquals(1.0, record.get("min_entropy_per_byte").asDouble());

    CliRun verified = quamtx("verify", record.get("provenance_id").asText());
    assertEquals(0, verified.exitCode(), verified.stderr());

    CliRun second = quamtx("draw", "--bytes", "32");
    assertEquals(0, second.exitCode(), second.stderr());
    JsonNode two = JSON.readTree(second.out()).get("provenance");
    assertEquals(record.get("chain_hash").asText(), two.get("previous_hash").asText());
    assertNotEquals(one.get("data").asText(), JSON.readTree(second.out()).get("data").asText());
  }

  @Test
  void base64AndBinaryFormats() throws Exception {
    CliRun b64 = quamtx("draw", "--bytes", "48", "--format", "base64");
    assertEquals(0, b64.exitCode(), b64.stderr());
    byte[] decoded = Base64.getDecoder().decode(JSON.readTree(b64.out()).get("data").asText());
    assertEquals(48, decoded.length);

    CliRun bin = quamtx("draw", "--bytes", "100", "--format", "binary");
    assertEquals(0, bin.exitCode(), bin.stderr());
    assertEquals(100, bin.stdout().length);
    JsonNode record = JSON.readTree(bin.stderr()).get("provenance");
    assertEquals(100, record.get("bytes").asInt());
  }

  @Test
  void signingKeyIsReadableByItsOwnerOnly() throws Exception {
    assertEquals(0, quamtx("draw", "--bytes", "1").exitCode());
    try (var files = Files.walk(home)) {
      var keys = files.filter(p -> p.toString().endsWith(".key")).toList();
      assertEquals(1, keys.size(), "one private key expected under " + home + ": " + keys);
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.get(0))));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "draw --bytes 0",
        "draw --bytes -1",
        "draw --bytes 99999999",
        "draw --bytes 32 --format rot13",
        "draw --bytes",
        "draw --bytes ten",
        "verify pvn_doesnotexist0000000000",
        "verify not-an-id",
        "verify",
        "draw --bytes 8 --source nope",
        "frobnicate"
      })
  void badInputIsOneLineExitTwoAndLeavesTheLogUnchanged(String args) throws Exception {
    assertEquals(0, quamtx("draw", "--bytes", "8").exitCode());
    Map<String, String> before = CliRun.snapshot(home);

    CliRun run = quamtx(args.split(" "));

    assertEquals(2, run.exitCode(), run.stderr());
    assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
    assertTrue(run.stderr().startsWith("quamtx: "), run.stderr());
    assertEquals(0, run.stdout().length, run.out());
    assertEquals(before, CliRun.snapshot(home));
  }

  @Test
  void unwritableHomeIsAClearErrorAndLeavesNothing() throws Exception {
    Path file = home.resolve("plain-file");
    Files.writeString(file, "x");
    CliRun run = CliRun.run("draw", "--bytes", "8", "--home", file.resolve("sub").toString());

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("not a directory"), run.stderr());
    assertEquals(
        Map.of("plain-file", CliRun.snapshot(home).get("plain-file")), CliRun.snapshot(home));
  }

  @Test
  void aStuckSourceFailsItsHealthTestAndNothingIsDrawnOrLogged() throws Exception {
    assertEquals(0, quamtx("draw", "--bytes", "8").exitCode());
    Path zeros =
        Files.write(home.getParent().resolve(home.getFileName() + "-zeros.bin"), new byte[100_000]);
    Map<String, String> before = CliRun.snapshot(home);

    CliRun run = quamtx("draw", "--bytes", "32", "--source", "file:" + zeros + "?class=hardware");

    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("RCT health test"), run.stderr());
    assertEquals(0, run.stdout().length, run.out());
    assertEquals(before, CliRun.snapshot(home));
  }

  @Test
  void anEmptyHomeIsRefused() throws Exception {
    CliRun run = CliRun.run("--home", "", "draw", "--bytes", "8");

    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("--home is empty"), run.stderr());
  }

  @Test
  void anOutputThatCannotBeWrittenIsAnErrorNamingTheRecordedDraw() throws Exception {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
    List<String> command = new java.util.ArrayList<>(CliRun.javaCommand());
    command.addAll(List.of("draw", "--bytes", "8", "--home", home.toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(new java.io.File("/dev/full"))
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    String err =
        new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(1, p.waitFor(), err);
    assertTrue(err.contains("could not write the output; the draw is recorded as pvn_"), err);
  }

  @Test
  void concurrentDrawsOnOneHomeWaitForTheLogInsteadOfFailing() throws Exception {
    assertEquals(0, quamtx("draw", "--bytes", "8").exitCode());
    List<java.util.concurrent.CompletableFuture<CliRun>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return quamtx("draw", "--bytes", "8");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    for (var run : runs) {
      assertEquals(0, run.get().exitCode(), run.get().stderr());
    }
  }

  @Test
  void anExplicitFallbackSourceIsRefusedForAHardwareDraw() throws Exception {
    CliRun run = quamtx("draw", "--bytes", "32", "--source", "os");

    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("not hardware"), run.stderr());
    assertEquals(0, run.stdout().length, run.out());
  }
}
