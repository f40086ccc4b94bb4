package io.quamtx.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quamtx.core.EntropyException;
import io.quamtx.gateway.ApiKeys;
import io.quamtx.gateway.ApiKeys.AccessRequest;
import io.quamtx.gateway.ApiKeys.ApiKey;
import io.quamtx.gateway.EntropyService;
import io.quamtx.gateway.GatewayConfig;
import io.quamtx.gateway.HealthReport;
import io.quamtx.gateway.internal.RateLimits.Decision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's routes on Jetty's core handler API. Each request runs, blocking, on a pool thread:
 * route (404, 405), key (401), rate limit (429), media type (415), body size (413), body (400),
 * then the library. Refusals become RFC 9457 problem documents; no refusal writes a record.
 * Thread-safe.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Pattern ID_CHARS = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private final GatewayConfig config;
  private final EntropyService service;
  private final ApiKeys keys;
  private final RateLimits limits;
  private final UsageMeter usage;
  private final DrawEndpoint draws;
  private final byte[] openApi;

  /**
   * Builds the handler.
   *
   * @throws IOException when the OpenAPI document or the usage file cannot be read
   */
  public ApiHandler(GatewayConfig config, EntropyService service, ApiKeys keys, Clock clock)
      throws IOException {
    this.config = config;
    this.service = service;
    this.keys = keys;
    this.limits = new RateLimits(config);
    this.usage = new UsageMeter(clock);
    if (config.usageFile().isPresent()) {
      usage.load(config.usageFile().get());
    }
    this.draws = new DrawEndpoint(service, usage, config.maxDrawBytes());
    this.openApi = openApiDocument();
  }

  /**
   * Saves the usage totals to the configured file, if any.
   *
   * @throws IOException when the file cannot be written
   */
  public void saveUsage() throws IOException {
    if (config.usageFile().isPresent()) {
      usage.save(config.usageFile().get());
    }
  }

  /** The OpenAPI 3.1 document the server publishes. */
  public static byte[] openApiDocument() throws IOException {
    try (InputStream in = ApiHandler.class.getResourceAsStream("/io/quamtx/gateway/openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the gateway jar");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange x = new Exchange(request, response, callback);
    try {
      dispatch(x);
    } catch (ApiProblem p) {
      x.problem(p);
    } catch (RuntimeException e) {
      x.failed(e);
    }
    return true;
  }

  private void dispatch(Exchange x) throws ApiProblem {
    String path = x.path();
    String method = x.request.getMethod();
    List<String> allowed = new ArrayList<>();
    for (Route r : Route.values()) {
      Optional<String> param = r.match(path);
      if (param.isPresent() && r.method().equals(method)) {
        x.route(r);
        serve(r, param.get(), x);
        return;
      }
      param.ifPresent(p -> allowed.add(r.method()));
    }
    if (allowed.isEmpty()) {
      throw ApiProblem.notFound("not-found", "no such path");
    }
    x.response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
    throw new ApiProblem(
        405, "method-not-allowed", "Method not allowed", "this path allows " + allowed);
  }

  private void serve(Route r, String param, Exchange x) throws ApiProblem {
    switch (r) {
      case HEALTH -> health(x);
      case OPENAPI -> x.send(200, Exchange.JSON_TYPE, openApi);
      case REQUEST_ACCESS -> requestAccess(x);
      default -> serveKeyed(r, param, x, authenticate(x));
    }
  }

  private void serveKeyed(Route r, String param, Exchange x, ApiKey key) throws ApiProblem {
    Decision d = limits.take(key);
    x.rateHeaders(d);
    if (!d.allowed()) {
      throw rateLimited(x, d);
    }
    switch (r) {
      case ENTROPY -> draws.serve(x, key, body(x));
      case VERIFY -> x.send(200, Exchange.JSON_TYPE, bytes(proof(param, false)));
      case AUDIT -> x.send(200, "application/x-ndjson", bytes(proof(param, true)));
      case USAGE -> x.json(200, usageReport(key));
      default -> throw new IllegalStateException("unrouted " + r);
    }
  }

  private ApiKey authenticate(Exchange x) throws ApiProblem {
    String h = x.request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiProblem.unauthorized("an Authorization: Bearer <key> header is required");
    }
    return keys.authenticate(h.substring(7).trim())
        .orElseThrow(() -> ApiProblem.unauthorized("the key is malformed, unknown or revoked"));
  }

  private static ApiProblem rateLimited(Exchange x, Decision d) {
    x.response.getHeaders().put(HttpHeader.RETRY_AFTER, d.retryAfterSeconds());
    return new ApiProblem(
        429,
        "rate-limited",
        "Too many requests",
        "the limit is "
            + d.limit()
            + " requests per minute; retry in "
            + d.retryAfterSeconds()
            + " s");
  }

  /** Reads the body after checking its media type and size. */
  private byte[] body(Exchange x) throws ApiProblem {
    String type = x.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null
        || !"application/json"
            .equalsIgnoreCase(MimeTypes.getContentTypeWithoutCharset(type).trim())) {
      throw new ApiProblem(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "the body must be sent as Content-Type: application/json");
    }
    if (x.request.getLength() > config.maxBodyBytes()) {
      throw tooLarge();
    }
    byte[] body = readBounded(x.request);
    x.bodyRead();
    return body;
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(
        413,
        "body-too-large",
        "Content too large",
        "the body must be at most " + config.maxBodyBytes() + " bytes");
  }

  private byte[] readBounded(Request request) throws ApiProblem {
    try {
      return Content.Source.asByteArrayAsync(request, config.maxBodyBytes()).get();
    } catch (ExecutionException e) {
      throw tooLarge();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.unavailable("shutting-down", "the gateway is stopping");
    }
  }

  private String proof(String id, boolean audit) throws ApiProblem {
    if (!ID_CHARS.matcher(id).matches()) {
      throw ApiProblem.badRequest("invalid-id", "the provenance id is malformed");
    }
    try {
      Optional<String> found = audit ? service.audit(id) : service.verify(id);
      return found.orElseThrow(() -> ApiProblem.notFound("unknown-id", "no record has this id"));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid-id", "the provenance id is malformed");
    } catch (EntropyException e) {
      throw ApiProblem.unavailable("log-unavailable", "the provenance log cannot be read");
    }
  }

  private ObjectNode usageReport(ApiKey key) {
    ObjectNode n = Exchange.JSON.createObjectNode();
    n.put("key_id", key.id()).put("tier", key.tier().label());
    n.put("limit_per_minute", key.tier().perMinute(config));
    n.set("windows", usage.report(key.id()));
    return n;
  }

  private void health(Exchange x) {
    HealthReport report;
    try {
      report = service.health();
    } catch (RuntimeException e) {
      report =
          new HealthReport(
              List.of(new HealthReport.Part("library", false, "health check failed")),
              Optional.empty());
    }
    report = report.with(keysHealth());
    x.json(report.healthy() ? 200 : 503, HealthBody.of(report));
  }

  private HealthReport.Part keysHealth() {
    boolean readable = !Files.exists(keys.file()) || Files.isReadable(keys.file());
    return new HealthReport.Part("gateway", readable, readable ? "serving" : "key file unreadable");
  }

  private void requestAccess(Exchange x) throws ApiProblem {
    Decision d = limits.takeAccessRequest();
    if (!d.allowed()) {
      throw rateLimited(x, d);
    }
    JsonNode root = DrawRequest.object(body(x));
    DrawRequest.onlyFields(root, Set.of("name", "contact", "intended_use"));
    try {
      AccessRequest r =
          keys.requestAccess(text(root, "name"), text(root, "contact"), text(root, "intended_use"));
      ObjectNode n = Exchange.JSON.createObjectNode();
      n.put("request_id", r.id()).put("status", r.status());
      x.json(202, n);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("invalid-field", e.getMessage());
    } catch (IOException e) {
      throw ApiProblem.unavailable("store-unavailable", "the request could not be stored");
    }
  }

  private static String text(JsonNode root, String field) throws ApiProblem {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual()) {
      throw ApiProblem.badRequest("invalid-field", field + " must be a string");
    }
    return n.textValue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
