package io.quamtx.gateway.internal;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Turns the errors Jetty itself raises (unparsable requests, header limits, failures outside the
 * handler) into RFC 9457 problem documents, with no stack trace and no echo of the request.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  /** A handler that never shows stacks or causes. */
  public ProblemErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] body(int code) {
    String slug = code >= 500 ? "internal" : "bad-http-request";
    String detail = code >= 500 ? "the gateway failed" : "the request is not valid HTTP";
    return Exchange.problemBody(new ApiProblem(code, slug, "HTTP " + code, detail), null);
  }
}
