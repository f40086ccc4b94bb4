package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quamtx.core.SourceClass;
import io.quamtx.core.Sources;
import io.quamtx.provenance.Fsck;
import io.quamtx.provenance.FsckReport;
import io.quamtx.provenance.ProvenanceLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/usage} is re-derived from the durable log alone: the billing units of the draw
 * records that name each key as their {@code requester}, summed by class, equal the totals the
 * server reports. Runs over the real library and this machine's hardware sources.
 */
final class UsageFromLogTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path home;

  /** Per class: requests, bytes, billing units; as the usage report and as the log sums them. */
  private record Tally(long requests, long bytes, double units) {
    Tally plus(long b, double u) {
      return new Tally(requests + 1, bytes + b, units + u);
    }
  }

  @Test
  void usageTotalsEqualTheBillingUnitsOfEachRequestersRecords() throws Exception {
    Assumptions.assumeTrue(
        Sources.drivers().stream().anyMatch(d -> d.isAvailable() && !d.id().equals("os")),
        "no hardware entropy source on this machine");
    ApiKeys keys = ApiKeys.open(home.resolve("gateway/keys.json"));
    ApiKeys.IssuedKey a = keys.create("lottery", Tier.STANDARD);
    ApiKeys.IssuedKey b = keys.create("keygen", Tier.VERIFIED);
    Map<String, JsonNode> reported = new HashMap<>();
    try (LibraryEntropyService library = LibraryEntropyService.open(home, Duration.ofSeconds(10));
        GatewayServer server =
            GatewayServer.start(GatewayConfig.builder().port(0).build(), library, keys)) {
      for (String body : List.of("32,hardware", "64,conditioned", "5,hardware", "3,conditioned")) {
        draw(server, a.secret(), body);
      }
      for (String body : List.of("10,conditioned", "1,hardware")) {
        draw(server, b.secret(), body);
      }
      reported.put(a.key().id(), usage(server, a.secret()));
      reported.put(b.key().id(), usage(server, b.secret()));
    }
    Map<String, Map<SourceClass, Tally>> derived = fromLog();
    for (ApiKeys.IssuedKey k : List.of(a, b)) {
      assertMatches(reported.get(k.key().id()), derived.get(ApiKeys.requester(k.key())));
    }
    assertEquals(2, derived.size(), "only the two keys' draws name a requester: " + derived);
    assertEquals(70.5, reported.get(a.key().id()).get("weight").asDouble());
    FsckReport fsck = Fsck.check(home);
    assertTrue(fsck.ok(), fsck.problems().toString());
  }

  private static void assertMatches(JsonNode total, Map<SourceClass, Tally> fromLog) {
    double weight = 0;
    for (SourceClass sc : SourceClass.values()) {
      JsonNode n = total.get("by_class").get(sc.label());
      Tally t = fromLog.getOrDefault(sc, new Tally(0, 0, 0));
      assertEquals(n.get("requests").asLong(), t.requests(), sc.label() + " requests");
      assertEquals(n.get("bytes").asLong(), t.bytes(), sc.label() + " bytes");
      assertEquals(n.get("weight").asDouble(), t.units(), sc.label() + " weight");
      weight += t.units();
    }
    assertEquals(total.get("weight").asDouble(), weight);
  }

  /** Sums the draw records of the closed log by requester and class, reading only the log. */
  private Map<String, Map<SourceClass, Tally>> fromLog() throws Exception {
    Map<String, Map<SourceClass, Tally>> sums = new HashMap<>();
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(home)) {
      for (long seq = 1; seq < log.status().records(); seq++) {
        Map<String, Object> r = log.record(seq);
        Object requester = r.get("requester");
        assertFalse(String.valueOf(requester).startsWith("qmx_"), "a secret in record " + seq);
        if (!"draw".equals(r.get("type")) || requester == null) {
          continue;
        }
        SourceClass sc = SourceClass.fromLabel((String) r.get("source_class"));
        double units = ((Number) ((Map<?, ?>) r.get("billing")).get("units")).doubleValue();
        long bytes = ((Number) r.get("bytes")).longValue();
        sums.computeIfAbsent((String) requester, k -> new HashMap<>())
            .merge(sc, new Tally(0, 0, 0).plus(bytes, units), (x, y) -> x.plus(y.bytes, y.units));
      }
    }
    return sums;
  }

  private static void draw(GatewayServer s, String key, String spec) throws Exception {
    String[] p = spec.split(",");
    String body = "{\"bytes\":" + p[0] + ",\"source_class\":\"" + p[1] + "\"}";
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/entropy"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.body().contains(key.substring(4, 20)), "the key id leaked into " + r.body());
  }

  private static JsonNode usage(GatewayServer s, String key) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/usage"))
            .header("Authorization", "Bearer " + key)
            .build();
    return JSON.readTree(HTTP.send(r, BodyHandlers.ofString()).body()).get("windows").get("total");
  }
}
