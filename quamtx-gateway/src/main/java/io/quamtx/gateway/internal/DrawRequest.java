package io.quamtx.gateway.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quamtx.core.SourceClass;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /v1/entropy}, checked field by field.
 *
 * @param bytes how many bytes, 1 to the configured maximum
 * @param format how to encode them
 * @param sourceClass hardware or conditioned
 */
record DrawRequest(int bytes, Format format, SourceClass sourceClass) {
  static final ObjectMapper STRICT =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> FIELDS = Set.of("bytes", "format", "source_class");

  /** The encodings of the answer. */
  enum Format {
    HEX,
    BASE64,
    BINARY;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Parses and checks a request body.
   *
   * @throws ApiProblem 400 naming the bad field and value
   */
  static DrawRequest parse(byte[] body, int maxBytes) throws ApiProblem {
    JsonNode root = object(body);
    onlyFields(root, FIELDS);
    return new DrawRequest(
        bytes(root.get("bytes"), maxBytes),
        format(root.get("format")),
        sourceClass(root.get("source_class")));
  }

  /** Reads a body that must be one JSON object. */
  static JsonNode object(byte[] body) throws ApiProblem {
    try {
      JsonNode root = STRICT.readTree(body);
      if (root == null || !root.isObject()) {
        throw ApiProblem.badRequest("malformed-json", "the body must be one JSON object");
      }
      return root;
    } catch (IOException e) {
      throw ApiProblem.badRequest("malformed-json", "the body is not valid JSON");
    }
  }

  static void onlyFields(JsonNode root, Set<String> allowed) throws ApiProblem {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest(
            "unknown-field", "unknown field " + ApiProblem.echo(name) + "; allowed: " + allowed);
      }
    }
  }

  private static int bytes(JsonNode n, int max) throws ApiProblem {
    if (n == null || n.isNull()) {
      throw ApiProblem.badRequest("invalid-bytes", "bytes is required");
    }
    if (!n.isIntegralNumber()) {
      throw ApiProblem.badRequest(
          "invalid-bytes", "bytes must be an integer, got " + ApiProblem.echo(n.toString()));
    }
    if (!n.canConvertToLong() || n.asLong() < 1 || n.asLong() > max) {
      throw ApiProblem.badRequest(
          "invalid-bytes",
          "bytes must be between 1 and " + max + ", got " + ApiProblem.echo(n.toString()));
    }
    return n.intValue();
  }

  private static Format format(JsonNode n) throws ApiProblem {
    if (n == null) {
      return Format.HEX;
    }
    for (Format f : Format.values()) {
      if (n.isTextual() && f.label().equals(n.textValue())) {
        return f;
      }
    }
    throw ApiProblem.badRequest(
        "invalid-format",
        "format must be hex, base64 or binary, got " + ApiProblem.echo(n.toString()));
  }

  private static SourceClass sourceClass(JsonNode n) throws ApiProblem {
    if (n == null) {
      return SourceClass.HARDWARE;
    }
    if (n.isTextual()
        && (n.textValue().equals("hardware") || n.textValue().equals("conditioned"))) {
      return SourceClass.fromLabel(n.textValue());
    }
    throw ApiProblem.badRequest(
        "invalid-source-class",
        "source_class must be hardware or conditioned, got " + ApiProblem.echo(n.toString()));
  }
}
