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
  private final boolean compromised;

  /** Built by the log; {@code json} is copied. */
  public Verification(boolean valid, String reason, Map<String, Object> json) {
    this(valid, reason, json, false);
  }

  /**
   * Built by the log; {@code json} is copied. {@code compromised} marks a record that is intact but
   * signed by a key declared compromised at that point, so not valid either.
   */
  public Verification(boolean valid, String reason, Map<String, Object> json, boolean compromised) {
    this.valid = valid && !compromised;
    this.reason = reason;
    this.json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    this.compromised = compromised;
  }

  /**
   * True when the record's bytes, link, signature and proof check out but its signing key was
   * declared compromised from this record or earlier ({@code key_compromise}), and no checkpoint
   * signed by another key before the declaration covers it: the record cannot be trusted. {@link
   * #valid()} is then false.
   */
  public boolean compromised() {
    return compromised;
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
    return "Verification["
        + (valid ? "valid" : (compromised ? "untrusted: " : "invalid: ") + reason)
        + "]";
  }
}
