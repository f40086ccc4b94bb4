package io.quamtx.provenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of {@link ProvenanceLog#verify}: whether the record is intact, and the evidence an
 * auditor needs to check it again offline. Immutable and thread-safe.
 */
public final class Verification {
  private final boolean valid;
  private final String reason;
  private final Map<String, Object> json;

  /** Built by the log; {@code json} is copied. */
  public Verification(boolean valid, String reason, Map<String, Object> json) {
    this.valid = valid;
    this.reason = reason;
    this.json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
  }

  /** True when every check passed. */
  public boolean valid() {
    return valid;
  }

  /** {@code "ok"}, or the first check that failed, in words. */
  public String reason() {
    return reason;
  }

  /**
   * {@code valid}, {@code reason}, the {@code record} (with chain hash and signature), its {@code
   * inclusion} proof, the signed {@code checkpoint} the proof leads to, the signing {@code key},
   * and the {@code neighbours} (previous and next record in the chain). Unmodifiable.
   */
  public Map<String, Object> toJson() {
    return json;
  }

  @Override
  public String toString() {
    return "Verification[" + (valid ? "valid" : "invalid: " + reason) + "]";
  }
}
