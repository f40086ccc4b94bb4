package io.quamtx.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quamtx.gateway.internal.RateLimits.Decision;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request and its answer, with the few ways the gateway answers. Not thread-safe. */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_TYPE = "application/json";

  final Request request;
  final Response response;
  private final Callback callback;
  private String instance;
  private boolean bodyRead;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  /** The request path, without the query. */
  String path() {
    return request.getHttpURI().getPath();
  }

  /** Notes that the request's body has been read in full. */
  void bodyRead() {
    bodyRead = true;
  }

  /** Names the matched route as the {@code instance} of any problem; raw paths are never echoed. */
  void route(Route route) {
    this.instance = route.template();
  }

  /** Puts the IETF rate-limit headers on the answer. */
  void rateHeaders(Decision d) {
    HttpFields.Mutable h = response.getHeaders();
    h.put("RateLimit-Limit", d.limit());
    h.put("RateLimit-Remaining", d.remaining());
    h.put("RateLimit-Reset", d.resetSeconds());
    h.put("RateLimit-Policy", d.limit() + ";w=60");
  }

  void json(int status, ObjectNode body) {
    try {
      send(status, JSON_TYPE, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  void send(int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** Answers 500 for a failure inside the gateway, naming only the exception's class in the log. */
  void failed(RuntimeException e) {
    LOG.error("request failed inside the gateway: {}", e.getClass().getName());
    problem(new ApiProblem(500, "internal", "Internal error", "the gateway failed"));
  }

  /** Answers with an RFC 9457 problem document. */
  void problem(ApiProblem p) {
    if (p.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"quamtx\"");
    }
    if (!bodyRead && hasBody()) {
      // A refusal sent before the body was read: the server drops the connection after it, so
      // say so, or a client may send its next request on a connection about to close.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    send(p.status(), "application/problem+json", problemBody(p, instance));
  }

  private boolean hasBody() {
    HttpFields h = request.getHeaders();
    return request.getLength() > 0 || h.contains(HttpHeader.TRANSFER_ENCODING);
  }

  static byte[] problemBody(ApiProblem p, String instance) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", p.type()).put("title", p.title()).put("status", p.status());
    n.put("detail", p.getMessage());
    if (instance != null) {
      n.put("instance", instance);
    }
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
