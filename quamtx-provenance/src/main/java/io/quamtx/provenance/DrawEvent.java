package io.quamtx.provenance;

import io.quamtx.core.SourceClass;
import java.util.Set;

/**
 * What happened at one draw or reseed, as handed to {@link ProvenanceLog#append}.
 *
 * @param type {@code "draw"} or {@code "reseed"}
 * @param sourceId the id of the source, e.g. {@code hwrng:/dev/hwrng}
 * @param sourceClass {@code "hardware"}, {@code "conditioned"} or {@code "fallback"}
 * @param bytes number of bytes drawn, at least 1
 * @param minEntropyPerByte claimed min-entropy as a fraction of 8 bits (1.0 = full), or null, which
 *     is only allowed (and required) for fallback output
 * @param minEntropyBasis where the figure comes from, e.g. an assessment id
 * @param health health-test state at the draw, e.g. {@code "pass"} or {@code "degraded"}
 * @param output the bytes returned to the caller, used only to compute the output commitment and
 *     never stored; for a draw its length must equal {@code bytes}; may be null for a reseed
 * @param requester who asked for the draw, written as the record's optional {@code requester}
 *     field: a stable, non-secret label such as {@code kh:sha256:<hex of the API key id>}, 1 to 128
 *     printable ASCII characters without spaces; null (the field is then absent) for draws made by
 *     the library for itself
 */
public record DrawEvent(
    String type,
    String sourceId,
    String sourceClass,
    int bytes,
    Double minEntropyPerByte,
    String minEntropyBasis,
    String health,
    byte[] output,
    String requester) {

  private static final Set<String> TYPES = Set.of("draw", "reseed");
  private static final int MAX_REQUESTER = 128;

  /** An event with no requester, as the library records its own draws and reseeds. */
  public DrawEvent(
      String type,
      String sourceId,
      String sourceClass,
      int bytes,
      Double minEntropyPerByte,
      String minEntropyBasis,
      String health,
      byte[] output) {
    this(
        type,
        sourceId,
        sourceClass,
        bytes,
        minEntropyPerByte,
        minEntropyBasis,
        health,
        output,
        null);
  }

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public DrawEvent {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("event type '" + type + "' is not draw or reseed");
    }
    requireText("sourceId", sourceId);
    requireText("minEntropyBasis", minEntropyBasis);
    requireText("health", health);
    SourceClass cls = SourceClass.fromLabel(sourceClass);
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes must be at least 1, got " + bytes);
    }
    checkMinEntropy(cls, minEntropyPerByte);
    checkOutput(type, bytes, output);
    checkRequester(requester);
  }

  /** The same event on behalf of {@code requester}; see the record's {@code requester}. */
  public DrawEvent withRequester(String requester) {
    return new DrawEvent(
        type,
        sourceId,
        sourceClass,
        bytes,
        minEntropyPerByte,
        minEntropyBasis,
        health,
        output,
        requester);
  }

  private static void checkRequester(String requester) {
    if (requester == null) {
      return;
    }
    boolean ok = !requester.isEmpty() && requester.length() <= MAX_REQUESTER;
    for (int i = 0; ok && i < requester.length(); i++) {
      char c = requester.charAt(i);
      ok = c > 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "requester must be 1.."
              + MAX_REQUESTER
              + " printable ASCII characters without spaces, got '"
              + requester
              + "'");
    }
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty, got '" + value + "'");
    }
  }

  private static void checkMinEntropy(SourceClass cls, Double h) {
    if (cls == SourceClass.FALLBACK && h != null) {
      throw new IllegalArgumentException("fallback output claims no min-entropy, got " + h);
    }
    if (cls != SourceClass.FALLBACK && h == null) {
      throw new IllegalArgumentException(cls.label() + " output needs a min-entropy figure");
    }
    if (h != null && !(h > 0 && h <= 1)) {
      throw new IllegalArgumentException("minEntropyPerByte must be in (0, 1], got " + h);
    }
  }

  private static void checkOutput(String type, int bytes, byte[] output) {
    if (output == null && "draw".equals(type)) {
      throw new IllegalArgumentException("a draw needs its output for the commitment");
    }
    if (output != null && output.length != bytes) {
      throw new IllegalArgumentException(
          "output has " + output.length + " bytes but the event says " + bytes);
    }
  }

  /** The source class as an enum. */
  public SourceClass sourceClassEnum() {
    return SourceClass.fromLabel(sourceClass);
  }

  /** Never shows the output bytes. */
  @Override
  public String toString() {
    return "DrawEvent["
        + type
        + ", "
        + sourceId
        + ", "
        + sourceClass
        + ", "
        + bytes
        + " bytes, "
        + "h="
        + minEntropyPerByte
        + ", "
        + minEntropyBasis
        + ", "
        + health
        + (requester == null ? "" : ", requester=" + requester)
        + "]";
  }
}
