package io.quamtx.gateway.internal;

/**
 * A request the gateway refuses, carried to the point where it becomes an RFC 9457 answer. It holds
 * no stack trace: it is control flow, never logged, and its detail is safe to show.
 */
final class ApiProblem extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_ECHO = 40;

  private final int status;
  private final String slug;
  private final String title;

  ApiProblem(int status, String slug, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(400, slug, "Bad request", detail);
  }

  static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "unauthorized", "Unauthorized", detail);
  }

  static ApiProblem notFound(String slug, String detail) {
    return new ApiProblem(404, slug, "Not found", detail);
  }

  static ApiProblem unavailable(String slug, String detail) {
    return new ApiProblem(503, slug, "Service unavailable", detail);
  }

  /** A client-supplied value shortened for echoing in a detail; keys never reach here. */
  static String echo(String value) {
    String v = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
    return "'" + v + "'";
  }

  int status() {
    return status;
  }

  String type() {
    return "urn:quamtx:problem:" + slug;
  }

  String title() {
    return title;
  }
}
