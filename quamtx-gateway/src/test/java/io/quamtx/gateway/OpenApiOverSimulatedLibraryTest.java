package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quamtx.gateway.internal.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published OpenAPI document against the server that publishes it. */
final class OpenApiOverSimulatedLibraryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static GatewayServer server;
  static String key;
  static JsonNode doc;

  @BeforeAll
  static void start() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    server =
        GatewayServer.start(
            GatewayConfig.builder().port(0).build(), new SimulatedEntropyService(), keys);
    key = keys.create("openapi", Tier.STANDARD).secret();
    String body =
        HTTP.send(request("GET", "/openapi.json", null).build(), BodyHandlers.ofString()).body();
    doc = JSON.readTree(body);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpRequest.Builder request(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path));
    if (body == null) {
      return b.method(method, BodyPublishers.noBody());
    }
    return b.header("Content-Type", "application/json")
        .method(method, BodyPublishers.ofString(body));
  }

  @Test
  void isOpenApi31() {
    assertEquals("3.1.0", doc.get("openapi").asText());
    assertFalse(doc.get("info").get("title").asText().isEmpty());
  }

  @Test
  void documentsExactlyTheServedOperations() {
    Set<String> documented = new HashSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m + " " + p.getKey())));
    Set<String> served = new HashSet<>();
    for (Route r : Route.values()) {
      served.add(r.method().toLowerCase(Locale.ROOT) + " " + r.template());
    }
    assertEquals(served, documented);
  }

  @Test
  void everyReferenceResolves() {
    assertRefsResolve(doc);
  }

  private static void assertRefsResolve(JsonNode n) {
    if (n.has("$ref")) {
      String ref = n.get("$ref").asText();
      assertTrue(ref.startsWith("#/"), ref);
      assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
    }
    for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
      assertRefsResolve(it.next());
    }
  }

  /** Each operation, called a typical way, answers a status its document lists. */
  @Test
  void answersOnlyDocumentedStatuses() throws Exception {
    String draw = "{\"bytes\":32,\"format\":\"hex\"}";
    Map<Route, String> bodies =
        Map.of(
            Route.ENTROPY,
            draw,
            Route.REQUEST_ACCESS,
            "{\"name\":\"a\",\"contact\":\"b\",\"intended_use\":\"c\"}");
    for (Route r : Route.values()) {
      String path = r.template().replace("{provenance_id}", "pvn_00000000000000000000");
      for (String auth : new String[] {null, key}) {
        HttpRequest.Builder b = request(r.method(), path, bodies.get(r));
        if (auth != null) {
          b.header("Authorization", "Bearer " + auth);
        }
        int status = HTTP.send(b.build(), BodyHandlers.discarding()).statusCode();
        JsonNode responses =
            doc.get("paths")
                .get(r.template())
                .get(r.method().toLowerCase(Locale.ROOT))
                .get("responses");
        assertTrue(responses.has(String.valueOf(status)), r + " answered undocumented " + status);
      }
    }
  }

  @Test
  void drawAnswerCarriesEveryRequiredField() throws Exception {
    String body =
        HTTP.send(
                request("POST", "/v1/entropy", "{\"bytes\":8}")
                    .header("Authorization", "Bearer " + key)
                    .build(),
                BodyHandlers.ofString())
            .body();
    JsonNode answer = JSON.readTree(body);
    for (JsonNode field : doc.at("/components/schemas/DrawAnswer/required")) {
      assertTrue(answer.has(field.asText()), "missing " + field.asText() + " in " + body);
    }
  }
}
