package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quamtx keys} and {@code quamtx serve} in child JVMs, driven as an operator would. */
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private CliRun quamtx(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return CliRun.run(all);
  }

  private static String printedKey(CliRun run) {
    return run.out()
        .lines()
        .filter(l -> l.startsWith("key:"))
        .map(l -> l.substring(4).trim())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no key printed: " + run.out()));
  }

  @Test
  void keysCreateListRevokeKeepOnlyHashes() throws Exception {
    CliRun created = quamtx("keys", "create", "--name", "ops", "--tier", "standard");
    assertEquals(0, created.exitCode(), created.stderr());
    String key = printedKey(created);
    assertTrue(key.matches("qmx_[0-9a-f]{16}_[A-Za-z0-9_-]{43}"), key);
    Path file = home.resolve("gateway/keys.json");
    assertFalse(Files.readString(file).contains(key.substring(21)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    String id = key.substring(4, 20);
    CliRun list = quamtx("keys", "list");
    assertTrue(list.out().contains(id) && list.out().contains("active"), list.out());
    assertFalse(list.out().contains(key));
    assertEquals(0, quamtx("keys", "revoke", id).exitCode());
    assertTrue(quamtx("keys", "list").out().contains("revoked"));

    CliRun bad = quamtx("keys", "create", "--name", "x", "--tier", "gold");
    assertEquals(QuamtxCommand.EXIT_USAGE, bad.exitCode());
    assertTrue(bad.stderr().contains("gold"), bad.stderr());
  }

  @Test
  void serveAnswersTheQuickStartAndItsAuditReplays() throws Exception {
    String key = printedKey(quamtx("keys", "create", "--name", "qs", "--tier", "builder"));
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--home",
                home.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      String base =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertTrue(base != null && base.startsWith("http://127.0.0.1:"), String.valueOf(base));
      JsonNode draw = quickStart(base, key);
      assertTrue(draw.get("data").asText().matches("[0-9a-f]{64}"), draw.toString());
      String id = draw.get("provenance_id").asText();
      JsonNode verify = JSON.readTree(get(base + "/v1/verify/" + id, key));
      assertTrue(verify.get("valid").asBoolean(), verify.toString());
      Path audit = home.resolve("served-audit.jsonl");
      Files.write(audit, get(base + "/v1/audit/" + id, key));
      CliRun replay =
          CliRun.run(
              "replay", audit.toString(), "--trust", home.resolve("keys/keyset.json").toString());
      assertEquals(0, replay.exitCode(), replay.out() + replay.stderr());
      assertTrue(replay.out().startsWith("ok:"), replay.out());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(20, TimeUnit.SECONDS));
    }
  }

  /** The documented quick start, verbatim but for the base URL, through curl when present. */
  private static JsonNode quickStart(String base, String key) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed here");
    String command =
        "curl -X POST $QUAMTX_API_URL/v1/entropy -H \"Authorization: Bearer $QUAMTX_API_KEY\""
            + " -H \"Content-Type: application/json\" -d '{\"bytes\":32,\"format\":\"hex\"}'";
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", command));
    pb.environment().put("QUAMTX_API_URL", base);
    pb.environment().put("QUAMTX_API_KEY", key);
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    JsonNode answer = JSON.readTree(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    return answer;
  }

  private static byte[] get(String url, String key) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + key);
    assertEquals(200, c.getResponseCode());
    try (var in = c.getInputStream()) {
      return in.readAllBytes();
    } finally {
      c.disconnect();
    }
  }
}
