package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier limits, burst headroom and the rate-limit headers, on the real server. */
final class RateLimitOverSimulatedLibraryTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static HttpResponse<String> usage(GatewayServer s, String key) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/usage"))
            .header("Authorization", "Bearer " + key)
            .build();
    return HTTP.send(r, BodyHandlers.ofString());
  }

  /** Requests until the first 429, which is returned; fails after {@code max} successes. */
  private static HttpResponse<String> exhaust(GatewayServer s, String key, int max, int[] ok)
      throws Exception {
    for (int i = 0; i <= max; i++) {
      HttpResponse<String> r = usage(s, key);
      if (r.statusCode() == 429) {
        return r;
      }
      assertEquals(200, r.statusCode(), r.body());
      ok[0]++;
    }
    throw new AssertionError("no 429 after " + max + " requests");
  }

  @Test
  void builderKeyGets100PerMinutePlusBurstThen429AndOtherKeysKeepTheirRate() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    GatewayConfig config = GatewayConfig.builder().port(0).build();
    try (GatewayServer s = GatewayServer.start(config, new SimulatedEntropyService(), keys)) {
      String flooder = keys.create("flooder", Tier.BUILDER).secret();
      String other = keys.create("other", Tier.BUILDER).secret();
      HttpResponse<String> first = usage(s, flooder);
      assertEquals("100", first.headers().firstValue("RateLimit-Limit").orElseThrow());
      assertEquals("119", first.headers().firstValue("RateLimit-Remaining").orElseThrow());

      long start = System.nanoTime();
      int[] ok = {1};
      HttpResponse<String> refused = exhaust(s, flooder, 400, ok);
      double seconds = (System.nanoTime() - start) / 1e9;
      int refilled = (int) Math.ceil(seconds * 100 / 60);
      assertTrue(ok[0] >= 120 && ok[0] <= 120 + refilled, ok[0] + " allowed in " + seconds + " s");
      assertTooMany(refused, "100");

      int[] otherOk = {0};
      exhaust(s, other, 400, otherOk);
      assertTrue(otherOk[0] >= 120, "the other key got only " + otherOk[0]);
    }
  }

  @Test
  void enterpriseKeyTakesTheConfiguredFigure() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    GatewayConfig config =
        GatewayConfig.builder().port(0).enterprisePerMinute(7).burstPercent(0).build();
    try (GatewayServer s = GatewayServer.start(config, new SimulatedEntropyService(), keys)) {
      String key = keys.create("big", Tier.ENTERPRISE).secret();
      int[] ok = {0};
      HttpResponse<String> refused = exhaust(s, key, 50, ok);
      assertEquals(7, ok[0]);
      assertTooMany(refused, "7");
      assertEquals("9", refused.headers().firstValue("Retry-After").orElseThrow());
    }
  }

  private static void assertTooMany(HttpResponse<String> r, String limit) {
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("urn:quamtx:problem:rate-limited"), r.body());
    assertEquals(limit, r.headers().firstValue("RateLimit-Limit").orElseThrow());
    assertEquals("0", r.headers().firstValue("RateLimit-Remaining").orElseThrow());
    long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
    long reset = Long.parseLong(r.headers().firstValue("RateLimit-Reset").orElseThrow());
    assertTrue(retry >= 1 && retry <= 60 && reset >= retry, retry + " / " + reset);
  }

  @Test
  void accessRequestsShareOneServerWideLimit() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    GatewayConfig config = GatewayConfig.builder().port(0).accessRequestsPerMinute(2).build();
    try (GatewayServer s = GatewayServer.start(config, new SimulatedEntropyService(), keys)) {
      HttpRequest ask =
          HttpRequest.newBuilder(URI.create(s.baseUri() + "/auth/request-access"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"name\":\"n\",\"contact\":\"c\",\"intended_use\":\"u\"}"))
              .build();
      assertEquals(202, HTTP.send(ask, BodyHandlers.ofString()).statusCode());
      assertEquals(202, HTTP.send(ask, BodyHandlers.ofString()).statusCode());
      HttpResponse<String> third = HTTP.send(ask, BodyHandlers.ofString());
      assertEquals(429, third.statusCode());
      assertEquals("30", third.headers().firstValue("Retry-After").orElseThrow());
      assertEquals(2, keys.requests().size());
    }
  }

  @Test
  void tiersHaveTheDocumentedRates() {
    GatewayConfig c = GatewayConfig.builder().enterprisePerMinute(12_345).build();
    assertEquals(100, Tier.BUILDER.perMinute(c));
    assertEquals(1_000, Tier.STANDARD.perMinute(c));
    assertEquals(1_000, Tier.STANDARD_PLUS.perMinute(c));
    assertEquals(5_000, Tier.VERIFIED.perMinute(c));
    assertEquals(5_000, Tier.VERIFIED_PLUS.perMinute(c));
    assertEquals(12_345, Tier.ENTERPRISE.perMinute(c));
    assertEquals(Tier.STANDARD_PLUS, Tier.fromLabel("standard_plus"));
  }

  @Test
  void configurationRefusesValuesOutOfRangeNamingThem() {
    GatewayConfig.Builder b = GatewayConfig.builder();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> b.maxDrawBytes(65_537));
    assertTrue(e.getMessage().contains("maxDrawBytes") && e.getMessage().contains("65537"));
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> b.port(70_000));
    assertTrue(e.getMessage().contains("70000"));
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> b.burstPercent(-1));
    assertTrue(e.getMessage().contains("burstPercent"));
  }
}
