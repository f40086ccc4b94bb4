package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real server on an ephemeral loopback port, over a simulated library, driven by HTTP. */
final class GatewayOverSimulatedLibraryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static SimulatedEntropyService service;
  static ApiKeys keys;
  static GatewayServer server;
  static String key;

  @BeforeAll
  static void start() throws Exception {
    service = new SimulatedEntropyService();
    keys = ApiKeys.open(dir.resolve("keys.json"));
    server = GatewayServer.start(GatewayConfig.builder().port(0).build(), service, keys);
    key = keys.create("test", Tier.VERIFIED).secret();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), BodyHandlers.ofByteArray());
  }

  static HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create(server.baseUri() + path));
  }

  static HttpRequest.Builder draw(String body, String bearer) {
    return at("/v1/entropy")
        .header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body));
  }

  static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** Checks the opening answered with the bytes against the record's commitment. */
  static void assertOpens(JsonNode record, String rHex, byte[] data) {
    byte[] c =
        SimulatedEntropyService.commitment(
            record.get("seq").asLong(), HexFormat.of().parseHex(rHex), data);
    assertEquals("sha256:" + HexFormat.of().formatHex(c), record.get("output_commitment").asText());
  }

  @Test
  void bindsLoopbackByDefault() {
    assertEquals("127.0.0.1", GatewayConfig.builder().build().bind());
    assertEquals("127.0.0.1", server.baseUri().getHost());
  }

  @Test
  void hexDrawAnswersBytesRecordAndOpening() throws Exception {
    HttpResponse<byte[]> r = send(draw("{\"bytes\":32,\"format\":\"hex\"}", key));
    assertEquals(200, r.statusCode());
    JsonNode a = json(r);
    byte[] data = HexFormat.of().parseHex(a.get("data").asText());
    assertEquals(32, data.length);
    assertEquals("hardware", a.get("source_class").asText());
    assertEquals(
        a.get("provenance_id").asText(), a.get("provenance").get("provenance_id").asText());
    assertEquals(32.0, a.get("billing").get("weight").asDouble());
    assertOpens(a.get("provenance"), a.get("opening").asText(), data);
    assertEquals("5000", r.headers().firstValue("RateLimit-Limit").orElseThrow());
  }

  @Test
  void base64ConditionedDrawWeighsHalf() throws Exception {
    JsonNode a =
        json(
            send(
                draw(
                    "{\"bytes\":100,\"format\":\"base64\",\"source_class\":\"conditioned\"}",
                    key)));
    byte[] data = Base64.getDecoder().decode(a.get("data").asText());
    assertEquals(100, data.length);
    assertEquals("conditioned", a.get("provenance").get("source_class").asText());
    assertEquals(50.0, a.get("billing").get("weight").asDouble());
    assertOpens(a.get("provenance"), a.get("opening").asText(), data);
  }

  @Test
  void binaryDrawCarriesTheRecordInHeaders() throws Exception {
    HttpResponse<byte[]> r = send(draw("{\"bytes\":48,\"format\":\"binary\"}", key));
    assertEquals(200, r.statusCode());
    assertEquals("application/octet-stream", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(48, r.body().length);
    JsonNode record =
        JSON.readTree(
            Base64.getUrlDecoder()
                .decode(r.headers().firstValue("Quamtx-Provenance").orElseThrow()));
    assertEquals(
        r.headers().firstValue("Quamtx-Provenance-Id").orElseThrow(),
        record.get("provenance_id").asText());
    assertOpens(record, r.headers().firstValue("Quamtx-Opening").orElseThrow(), r.body());
  }

  @Test
  void quickStartCurlCommandWorksVerbatim() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Stream.of("/usr/bin/curl", "/bin/curl").anyMatch(p -> Path.of(p).toFile().canExecute()),
        "curl is not installed; the quick start check needs it");
    String quickStart =
        "curl -X POST $QUAMTX_API_URL/v1/entropy -H \"Authorization: Bearer $QUAMTX_API_KEY\""
            + " -H \"Content-Type: application/json\" -d '{\"bytes\":32,\"format\":\"hex\"}'";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", quickStart);
    pb.environment().put("QUAMTX_API_URL", server.baseUri().toString());
    pb.environment().put("QUAMTX_API_KEY", key);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    JsonNode a = JSON.readTree(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    assertTrue(a.get("data").asText().matches("[0-9a-f]{64}"), a.toString());
    assertOpens(
        a.get("provenance"),
        a.get("opening").asText(),
        HexFormat.of().parseHex(a.get("data").asText()));
  }

  @Test
  void verifyAndAuditAnswerTheRecordOfADraw() throws Exception {
    JsonNode a = json(send(draw("{\"bytes\":16}", key)));
    String id = a.get("provenance_id").asText();
    HttpResponse<byte[]> v = send(at("/v1/verify/" + id).header("Authorization", "Bearer " + key));
    assertEquals(200, v.statusCode());
    assertEquals(a.get("provenance").get("chain_hash"), json(v).get("chain_hash"));
    assertEquals(a.get("provenance").get("seq"), json(v).get("record").get("seq"));
    HttpResponse<byte[]> au = send(at("/v1/audit/" + id).header("Authorization", "Bearer " + key));
    assertEquals(200, au.statusCode());
    assertEquals("application/x-ndjson", au.headers().firstValue("Content-Type").orElseThrow());
    String[] lines = new String(au.body(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
    assertEquals(
        a.get("provenance").get("chain_hash"),
        JSON.readTree(lines[lines.length - 1]).get("chain_hash"));
    assertChainReplays(lines);
  }

  /** Recomputes each line's chain hash and checks it is the next record's previous hash. */
  static void assertChainReplays(String[] lines) throws Exception {
    String previous = "sha256:" + "0".repeat(64);
    for (int i = 1; i < lines.length; i++) {
      JsonNode line = JSON.readTree(lines[i]);
      assertEquals(previous, line.get("record").get("previous_hash").asText());
      String recordText = lines[i].substring(10, lines[i].lastIndexOf(",\"chain_hash\""));
      byte[] leaf =
          SimulatedEntropyService.sha256(
              SimulatedEntropyService.concat(
                  new byte[] {0}, SimulatedEntropyService.utf8(recordText)));
      previous = "sha256:" + HexFormat.of().formatHex(leaf);
      assertEquals(previous, line.get("chain_hash").asText());
    }
  }

  @Test
  void hardwareDrawAnswers503WhenNoHardwareSourceIsHealthy() throws Exception {
    service.hardwareHealthy = false;
    try {
      int before = service.recordCount();
      HttpResponse<byte[]> r = send(draw("{\"bytes\":32}", key));
      assertProblem(r, 503, "no-healthy-source");
      assertEquals(before, service.recordCount());
      HttpResponse<byte[]> h = send(at("/health"));
      assertEquals(503, h.statusCode());
      assertEquals("reservoir", json(h).get("unhealthy").get(0).asText());
      HttpResponse<byte[]> c = send(draw("{\"bytes\":32,\"source_class\":\"conditioned\"}", key));
      assertEquals(200, c.statusCode());
    } finally {
      service.hardwareHealthy = true;
    }
  }

  @Test
  void drawAnsweredLaterFromAnotherThreadOpensItsRecord() throws Exception {
    service.answerLater = true;
    try {
      HttpResponse<byte[]> r = send(draw("{\"bytes\":32,\"source_class\":\"conditioned\"}", key));
      assertEquals(200, r.statusCode());
      JsonNode b = json(r);
      byte[] data = HexFormat.of().parseHex(b.get("data").asText());
      assertEquals(32, data.length);
      assertOpens(b.get("provenance"), b.get("opening").asText(), data);
    } finally {
      service.answerLater = false;
    }
  }

  @Test
  void drawWhoseSyncFailsLaterAnswers503WithoutBytes() throws Exception {
    service.answerLater = true;
    service.syncFails = true;
    try {
      HttpResponse<byte[]> r = send(draw("{\"bytes\":32,\"source_class\":\"conditioned\"}", key));
      assertProblem(r, 503, "entropy-unavailable");
      assertTrue(json(r).get("data") == null, "no bytes in a refusal");
    } finally {
      service.answerLater = false;
      service.syncFails = false;
    }
  }

  @Test
  void healthAnswers200WithPartsAndCheckpoint() throws Exception {
    HttpResponse<byte[]> h = send(at("/health"));
    assertEquals(200, h.statusCode());
    JsonNode b = json(h);
    assertEquals("ok", b.get("status").asText());
    assertTrue(b.get("parts").get("log").get("healthy").asBoolean());
    assertTrue(b.get("parts").get("gateway").get("healthy").asBoolean());
    assertEquals("2026-12-04T12:00:00Z", b.get("last_checkpoint").asText());
  }

  @Test
  void healthAnswers503NamingTheLogWhenItFails() throws Exception {
    service.logHealthy = false;
    try {
      HttpResponse<byte[]> h = send(at("/health"));
      assertEquals(503, h.statusCode());
      assertEquals("log", json(h).get("unhealthy").get(0).asText());
      assertEquals("unhealthy", json(h).get("status").asText());
    } finally {
      service.logHealthy = true;
    }
  }

  @Test
  void accessRequestIsRecordedAndApprovalIssuesAWorkingKey() throws Exception {
    HttpResponse<byte[]> r =
        send(
            at("/auth/request-access")
                .header("Content-Type", "application/json")
                .POST(
                    BodyPublishers.ofString(
                        "{\"name\":\"Ada\",\"contact\":\"ada@example.org\","
                            + "\"intended_use\":\"lottery draws\"}")));
    assertEquals(202, r.statusCode());
    String requestId = json(r).get("request_id").asText();
    assertEquals("pending", json(r).get("status").asText());
    ApiKeys cli = ApiKeys.open(keys.file());
    assertEquals(
        "lottery draws",
        cli.requests().stream()
            .filter(q -> q.id().equals(requestId))
            .findFirst()
            .orElseThrow()
            .intendedUse());
    String issued = cli.approve(requestId, Tier.STANDARD).secret();
    Thread.sleep(1_100);
    HttpResponse<byte[]> d = send(draw("{\"bytes\":8}", issued));
    assertEquals(200, d.statusCode());
    assertEquals("1000", d.headers().firstValue("RateLimit-Limit").orElseThrow());
  }

  @Test
  void keyRevokedByAnotherProcessStopsWorking() throws Exception {
    ApiKeys.IssuedKey k = keys.create("to revoke", Tier.BUILDER);
    assertEquals(200, send(draw("{\"bytes\":8}", k.secret())).statusCode());
    ApiKeys.open(keys.file()).revoke(k.key().id());
    Thread.sleep(1_100);
    HttpResponse<byte[]> r = send(draw("{\"bytes\":8}", k.secret()));
    assertProblem(r, 401, "unauthorized");
    assertFalse(new String(r.body()).contains(k.secret()));
  }

  @Test
  void usageSumsBillingWeightByClass() throws Exception {
    String k = keys.create("usage", Tier.STANDARD).secret();
    send(draw("{\"bytes\":40}", k));
    send(draw("{\"bytes\":40,\"source_class\":\"conditioned\"}", k));
    send(draw("{\"bytes\":0}", k));
    HttpResponse<byte[]> r = send(at("/v1/usage").header("Authorization", "Bearer " + k));
    assertEquals(200, r.statusCode());
    JsonNode total = json(r).get("windows").get("total");
    assertEquals(60.0, total.get("weight").asDouble());
    assertEquals(40, total.get("by_class").get("hardware").get("bytes").asLong());
    assertEquals(20.0, total.get("by_class").get("conditioned").get("weight").asDouble());
    assertEquals(1, total.get("by_class").get("conditioned").get("requests").asLong());
    assertEquals(60.0, json(r).get("windows").get("hour").get("weight").asDouble());
  }

  static Stream<Arguments> badDraws() {
    return Stream.of(
        Arguments.of("{\"bytes\":32", "application/json", 400, "malformed-json"),
        Arguments.of("[32]", "application/json", 400, "malformed-json"),
        Arguments.of("{\"bytes\":0}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{\"bytes\":-5}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{\"bytes\":\"32\"}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{\"bytes\":32.5}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{\"bytes\":65537}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{\"bytes\":99999999999999999999}", "application/json", 400, "invalid-bytes"),
        Arguments.of("{}", "application/json", 400, "invalid-bytes"),
        Arguments.of(
            "{\"bytes\":32,\"format\":\"octal\"}", "application/json", 400, "invalid-format"),
        Arguments.of(
            "{\"bytes\":32,\"source_class\":\"fallback\"}",
            "application/json",
            400,
            "invalid-source-class"),
        Arguments.of("{\"bytes\":32,\"byts\":1}", "application/json", 400, "unknown-field"),
        Arguments.of("{\"bytes\":32,\"bytes\":64}", "application/json", 400, "malformed-json"),
        Arguments.of("{\"bytes\":32}", "text/plain", 415, "unsupported-media-type"),
        Arguments.of(
            "{\"bytes\":32,\"pad\":\"" + "x".repeat(5000) + "\"}",
            "application/json",
            413,
            "body-too-large"));
  }

  @ParameterizedTest
  @MethodSource("badDraws")
  void badDrawIsRefusedWithAProblemAndNoRecord(String body, String type, int status, String slug)
      throws Exception {
    int before = service.recordCount();
    HttpResponse<byte[]> r =
        send(
            at("/v1/entropy")
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", type)
                .POST(BodyPublishers.ofString(body)));
    assertProblem(r, status, slug);
    assertEquals(before, service.recordCount());
    assertTrue(r.headers().firstValue("RateLimit-Remaining").isPresent());
  }

  @Test
  void chunkedBodyOverTheLimitAnswers413() throws Exception {
    byte[] big = ("{\"bytes\":32,\"pad\":\"" + "y".repeat(8000) + "\"}").getBytes();
    HttpResponse<byte[]> r =
        send(
            at("/v1/entropy")
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertProblem(r, 413, "body-too-large");
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of("", 401),
        Arguments.of("Basic dXNlcjpwYXNz", 401),
        Arguments.of("Bearer not-a-key", 401),
        Arguments.of("Bearer qmx_0123456789abcdef_" + "A".repeat(43), 401));
  }

  @ParameterizedTest
  @MethodSource("badKeys")
  void missingMalformedOrWrongKeyAnswers401(String authorization, int status) throws Exception {
    HttpRequest.Builder b =
        at("/v1/entropy")
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"bytes\":32}"));
    if (!authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    HttpResponse<byte[]> r = send(b);
    assertProblem(r, status, "unauthorized");
    assertEquals(
        "Bearer realm=\"quamtx\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    if (authorization.length() > 7) {
      assertFalse(new String(r.body()).contains(authorization.substring(7)));
    }
  }

  @Test
  void wrongKeyForAKnownIdAnswers401() throws Exception {
    String wrong = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
    assertProblem(send(draw("{\"bytes\":32}", wrong)), 401, "unauthorized");
  }

  @Test
  void unknownPathAnswers404AndWrongMethod405WithAllow() throws Exception {
    assertProblem(send(at("/v2/entropy")), 404, "not-found");
    HttpResponse<byte[]> r = send(at("/v1/entropy"));
    assertProblem(r, 405, "method-not-allowed");
    assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
    assertProblem(send(at("/health").DELETE()), 405, "method-not-allowed");
  }

  @Test
  void unknownIdAnswers404AndMalformedId400() throws Exception {
    for (String route : new String[] {"/v1/verify/", "/v1/audit/"}) {
      HttpRequest.Builder unknown =
          at(route + "pvn_ffff0000000000000000").header("Authorization", "Bearer " + key);
      assertProblem(send(unknown), 404, "unknown-id");
      HttpRequest.Builder badChars =
          at(route + "pvn%21%21").header("Authorization", "Bearer " + key);
      assertProblem(send(badChars), 400, "invalid-id");
      HttpRequest.Builder badForm = at(route + "pvn_xyz").header("Authorization", "Bearer " + key);
      assertProblem(send(badForm), 400, "invalid-id");
    }
  }

  @Test
  void aFailureInsideTheLibraryAnswers500WithoutAStackTrace() throws Exception {
    service.explode = true;
    try {
      HttpResponse<byte[]> r = send(draw("{\"bytes\":32}", key));
      assertProblem(r, 500, "internal");
      assertFalse(new String(r.body()).contains("secret detail"));
    } finally {
      service.explode = false;
    }
  }

  @Test
  void unparsableHttpAnswersAProblem() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes());
      String answer = new String(s.getInputStream().readAllBytes());
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
      assertTrue(answer.contains("application/problem+json"), answer);
      assertFalse(answer.contains("Exception"), answer);
    }
  }

  static void assertProblem(HttpResponse<byte[]> r, int status, String slug) throws Exception {
    String body = new String(r.body());
    assertEquals(status, r.statusCode(), body);
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode p = JSON.readTree(r.body());
    assertEquals("urn:quamtx:problem:" + slug, p.get("type").asText(), body);
    assertEquals(status, p.get("status").asInt());
    assertFalse(p.get("title").asText().isEmpty());
    assertFalse(p.get("detail").asText().isEmpty());
    assertFalse(
        body.contains("Exception") || body.contains("\tat ") || body.contains("qmx_"), body);
  }

  /**
   * Sends raw request bytes on a fresh connection and returns the answer's status line and headers.
   */
  private static String rawHead(String request) throws Exception {
    URI base = server.baseUri();
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (head.indexOf("\r\n\r\n") < 0) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.append((char) c);
      }
      return head.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Test
  void aRefusalBeforeTheBodyIsReadSaysTheConnectionCloses() throws Exception {
    // The body is announced but not sent: the key check refuses before reading it.
    String head =
        rawHead(
            "POST /v1/entropy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 27\r\n\r\n");
    assertTrue(head.startsWith("http/1.1 401"), head);
    assertTrue(head.contains("\r\nconnection: close\r\n"), head);
  }

  @Test
  void aRefusalOfARequestWithoutBodyKeepsTheConnection() throws Exception {
    String head = rawHead("GET /v1/usage HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertTrue(head.startsWith("http/1.1 401"), head);
    assertFalse(head.contains("connection: close"), head);
  }
}
