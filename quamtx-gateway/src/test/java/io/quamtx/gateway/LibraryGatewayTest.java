package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quamtx.core.SourceClass;
import io.quamtx.core.Sources;
import io.quamtx.provenance.OfflineVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server over the real library: this machine's hardware sources, the durable signed
 * provenance log in a temporary home, and the HMAC_DRBG for conditioned draws.
 */
final class LibraryGatewayTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path home;
  static LibraryEntropyService library;
  static GatewayServer server;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Sources.drivers().stream().anyMatch(d -> d.isAvailable() && !d.id().equals("os")),
        "no hardware entropy source on this machine");
    library = LibraryEntropyService.open(home, Duration.ofSeconds(10));
    ApiKeys keys = ApiKeys.open(home.resolve("gateway/keys.json"));
    server = GatewayServer.start(GatewayConfig.builder().port(0).build(), library, keys);
    key = keys.create("library", Tier.VERIFIED).secret();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      library.close();
    }
  }

  static JsonNode get(String path, int status) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Authorization", "Bearer " + key)
                .build(),
            BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return path.startsWith("/v1/audit") ? null : JSON.readTree(r.body());
  }

  static JsonNode draw(String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/entropy"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  /** Recomputes the output commitment from the answered bytes and opening, as FORMAT.md says. */
  static void assertOpens(JsonNode record, String openingHex, byte[] data) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update("quamtx/out/v1\n".getBytes(StandardCharsets.US_ASCII));
    md.update(record.get("log_id").asText().getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0x0a);
    md.update(ByteBuffer.allocate(8).putLong(record.get("seq").asLong()).array());
    md.update(HexFormat.of().parseHex(openingHex));
    String expected = "sha256:" + HexFormat.of().formatHex(md.digest(data));
    assertEquals(expected, record.get("output_commitment").asText());
  }

  @Test
  void hardwareDrawIsRecordedAndVerifies() throws Exception {
    JsonNode a = draw("{\"bytes\":32,\"format\":\"hex\"}");
    byte[] data = HexFormat.of().parseHex(a.get("data").asText());
    JsonNode record = a.get("provenance");
    assertEquals("hardware", record.get("source_class").asText());
    assertEquals(32.0, record.get("billing").get("units").asDouble());
    assertOpens(record, a.get("opening").asText(), data);
    JsonNode v = get("/v1/verify/" + a.get("provenance_id").asText(), 200);
    assertTrue(v.get("valid").asBoolean(), v.toString());
    assertEquals(record.get("chain_hash"), v.get("record").get("chain_hash"));
  }

  @Test
  void conditionedDrawCitesTheHardwareDrawThatSeededIt() throws Exception {
    JsonNode a = draw("{\"bytes\":64,\"format\":\"base64\",\"source_class\":\"conditioned\"}");
    JsonNode record = a.get("provenance");
    assertEquals("conditioned", record.get("source_class").asText());
    assertEquals(0.5, record.get("min_entropy_per_byte").asDouble());
    assertEquals(32.0, a.get("billing").get("weight").asDouble());
    assertOpens(
        record,
        a.get("opening").asText(),
        java.util.Base64.getDecoder().decode(a.get("data").asText()));
    String seed = record.get("source_id").asText().replace("hmac_drbg-sha256<", "");
    JsonNode seedRecord = get("/v1/verify/" + seed, 200);
    assertTrue(seedRecord.get("valid").asBoolean());
    assertEquals(
        SourceClass.HARDWARE.label(), seedRecord.get("record").get("source_class").asText());
  }

  @Test
  void auditSegmentReplaysOfflineAgainstTheKeyset() throws Exception {
    JsonNode a = draw("{\"bytes\":16}");
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(server.baseUri() + "/v1/audit/" + a.get("provenance_id").asText()))
                .header("Authorization", "Bearer " + key)
                .build(),
            BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    List<String> lines = r.body().lines().toList();
    OfflineVerifier.ReplayReport report =
        OfflineVerifier.trusting(library.keysetJson()).replay(lines);
    assertTrue(report.ok(), "line " + report.failedLine() + ": " + report.reason());
    assertTrue(r.body().contains(a.get("provenance").get("chain_hash").asText()));
    assertFalse(r.body().contains(a.get("data").asText()));

    List<String> tampered = new ArrayList<>(lines);
    tampered.set(2, tampered.get(2).replace("\"bytes\":", "\"bytes\":1"));
    assertFalse(OfflineVerifier.trusting(library.keysetJson()).replay(tampered).ok());
  }

  @Test
  void healthReportsTheLogSourcesReservoirAndCheckpoint() throws Exception {
    draw("{\"bytes\":8,\"source_class\":\"conditioned\"}");
    // Checkpoints are signed at most a second after new records: wait up to five seconds.
    JsonNode h = health();
    for (int i = 0; i < 50 && h.get("last_checkpoint").isNull(); i++) {
      Thread.sleep(100);
      h = health();
    }
    assertEquals("ok", h.get("status").asText(), h.toString());
    for (String part : new String[] {"log", "sources", "reservoir", "gateway"}) {
      assertTrue(h.get("parts").get(part).get("healthy").asBoolean(), part);
    }
    assertFalse(h.get("last_checkpoint").isNull(), h.toString());
  }

  private JsonNode health() throws Exception {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/health")).build(),
                BodyHandlers.ofString())
            .body());
  }

  @Test
  void unknownIdOfTheRightFormIs404() throws Exception {
    JsonNode a = draw("{\"bytes\":8}");
    String id = a.get("provenance_id").asText();
    String other = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");
    get("/v1/verify/" + other, 404);
    get("/v1/verify/pvn_tooshort", 400);
  }
}
