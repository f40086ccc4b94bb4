package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage totals kept in a file survive a restart of the server. */
final class UsageOverSimulatedLibraryTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void draw(GatewayServer s, String key, String body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/entropy"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertEquals(200, HTTP.send(r, BodyHandlers.discarding()).statusCode());
  }

  private static JsonNode total(GatewayServer s, String key) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/usage"))
            .header("Authorization", "Bearer " + key)
            .build();
    return JSON.readTree(HTTP.send(r, BodyHandlers.ofString()).body()).get("windows").get("total");
  }

  @Test
  void usageSurvivesARestart() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    String key = keys.create("billing", Tier.STANDARD).secret();
    Path file = dir.resolve("usage.json");
    GatewayConfig config = GatewayConfig.builder().port(0).usageFile(file).build();
    try (GatewayServer s = GatewayServer.start(config, new SimulatedEntropyService(), keys)) {
      draw(s, key, "{\"bytes\":40,\"source_class\":\"conditioned\"}");
      draw(s, key, "{\"bytes\":12}");
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (GatewayServer s = GatewayServer.start(config, new SimulatedEntropyService(), keys)) {
      draw(s, key, "{\"bytes\":4}");
      JsonNode total = total(s, key);
      assertEquals(36.0, total.get("weight").asDouble());
      assertEquals(2, total.get("by_class").get("hardware").get("requests").asLong());
      assertEquals(40, total.get("by_class").get("conditioned").get("bytes").asLong());
    }
  }
}
