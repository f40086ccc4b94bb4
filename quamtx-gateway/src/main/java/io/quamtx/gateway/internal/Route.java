package io.quamtx.gateway.internal;

import java.util.Optional;

/**
 * Every operation the server answers. The OpenAPI document lists exactly these, which a test
 * checks.
 */
public enum Route {
  ENTROPY("POST", "/v1/entropy"),
  VERIFY("GET", "/v1/verify/{provenance_id}"),
  AUDIT("GET", "/v1/audit/{provenance_id}"),
  USAGE("GET", "/v1/usage"),
  HEALTH("GET", "/health"),
  REQUEST_ACCESS("POST", "/auth/request-access"),
  OPENAPI("GET", "/openapi.json");

  private final String method;
  private final String template;
  private final String prefix;

  Route(String method, String template) {
    this.method = method;
    this.template = template;
    int brace = template.indexOf('{');
    this.prefix = brace < 0 ? null : template.substring(0, brace);
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path as OpenAPI writes it, with {@code {provenance_id}} for the parameter. */
  public String template() {
    return template;
  }

  /**
   * Matches a request path.
   *
   * @return empty when the path is not this route's; otherwise the path parameter, or the empty
   *     string for a route without one
   */
  Optional<String> match(String path) {
    if (prefix == null) {
      return template.equals(path) ? Optional.of("") : Optional.empty();
    }
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      return Optional.empty();
    }
    String rest = path.substring(prefix.length());
    return rest.indexOf('/') >= 0 ? Optional.empty() : Optional.of(rest);
  }
}
