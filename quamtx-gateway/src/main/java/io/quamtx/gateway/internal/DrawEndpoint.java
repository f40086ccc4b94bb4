package io.quamtx.gateway.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.quamtx.core.EntropyException;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.gateway.ApiKeys;
import io.quamtx.gateway.ApiKeys.ApiKey;
import io.quamtx.gateway.Draw;
import io.quamtx.gateway.EntropyService;
import io.quamtx.gateway.internal.DrawRequest.Format;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpFields;

/**
 * {@code POST /v1/entropy}: checks the body, draws with a record, meters the billing weight, and
 * answers the bytes with the record and the opening of its commitment. Thread-safe.
 */
final class DrawEndpoint {
  private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();
  private final EntropyService service;
  private final UsageMeter usage;
  private final int maxBytes;

  DrawEndpoint(EntropyService service, UsageMeter usage, int maxBytes) {
    this.service = service;
    this.usage = usage;
    this.maxBytes = maxBytes;
  }

  /**
   * Starts the draw and returns; the answer is sent when the draw's record is durable, from
   * whichever thread completes the draw (for conditioned draws, the log's answer thread).
   */
  void serve(Exchange x, ApiKey key, byte[] body) throws ApiProblem {
    DrawRequest req = DrawRequest.parse(body, maxBytes);
    service
        .drawAsync(req.bytes(), req.sourceClass(), ApiKeys.requester(key))
        .whenComplete((draw, failure) -> answer(x, key, req, draw, failure));
  }

  private void answer(Exchange x, ApiKey key, DrawRequest req, Draw drawn, Throwable failure) {
    try {
      Draw draw = checked(req, drawn, failure);
      usage.add(key.id(), draw.sourceClass(), req.bytes());
      if (req.format() == Format.BINARY) {
        recordHeaders(x.response.getHeaders(), draw);
        x.send(200, "application/octet-stream", draw.data());
      } else {
        x.send(200, Exchange.JSON_TYPE, jsonAnswer(req, draw));
      }
    } catch (ApiProblem p) {
      x.problem(p);
    } catch (RuntimeException e) {
      x.failed(e);
    }
  }

  private static Draw checked(DrawRequest req, Draw draw, Throwable failure) throws ApiProblem {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof SourceUnavailableException || cause instanceof HealthTestException) {
      throw noSource(req);
    }
    if (cause instanceof EntropyException) {
      throw ApiProblem.unavailable("entropy-unavailable", "the draw could not be completed");
    }
    if (cause != null) {
      throw new IllegalStateException("the draw failed unexpectedly", cause);
    }
    if (draw.sourceClass() != req.sourceClass() || draw.data().length != req.bytes()) {
      // Fail closed: bytes of another class or length are never served in place of the asked ones.
      throw noSource(req);
    }
    return draw;
  }

  private static ApiProblem noSource(DrawRequest req) {
    return ApiProblem.unavailable(
        "no-healthy-source", "no healthy " + req.sourceClass().label() + " source");
  }

  private static void recordHeaders(HttpFields.Mutable h, Draw d) {
    byte[] record = d.recordJson().getBytes(StandardCharsets.UTF_8);
    h.put("Quamtx-Provenance-Id", d.provenanceId());
    h.put("Quamtx-Source-Class", d.sourceClass().label());
    h.put("Quamtx-Provenance", Base64.getUrlEncoder().withoutPadding().encodeToString(record));
    h.put("Quamtx-Opening", d.opening());
  }

  /**
   * The JSON answer, written by hand: the data and labels are hex, base64 or fixed words that need
   * no escaping, the record is already JSON, and the id and opening, which another {@link
   * EntropyService} supplies, are escaped all the same.
   */
  private static byte[] jsonAnswer(DrawRequest req, Draw d) {
    String record = d.recordJson();
    StringBuilder sb = new StringBuilder(256 + record.length() + 2 * req.bytes());
    sb.append("{\"data\":\"").append(encode(req.format(), d.data()));
    sb.append("\",\"format\":\"").append(req.format().label());
    sb.append("\",\"bytes\":").append(req.bytes());
    sb.append(",\"source_class\":\"").append(d.sourceClass().label());
    sb.append("\",\"provenance_id\":\"").append(ESCAPE.quoteAsString(d.provenanceId()));
    sb.append("\",\"provenance\":").append(record);
    sb.append(",\"opening\":\"").append(ESCAPE.quoteAsString(d.opening()));
    sb.append("\",\"billing\":{\"weight\":");
    sb.append(UsageMeter.weight(req.bytes(), d.sourceClass())).append("}}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(Format f, byte[] data) {
    return f == Format.HEX
        ? HexFormat.of().formatHex(data)
        : Base64.getEncoder().encodeToString(data);
  }
}
