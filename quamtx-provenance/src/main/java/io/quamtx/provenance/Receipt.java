package io.quamtx.provenance;

import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.Records;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proof handed to the caller of a durable append: the record as stored, its chain hash and
 * signature, and the opening of the output commitment. Immutable and thread-safe.
 *
 * <p>The opening is the only copy of the commitment nonce: with it and the output bytes the caller
 * can later show which bytes it received ({@code output_commitment} in the record). It is never
 * stored in the log; keep it with the output if that proof may be needed.
 */
public final class Receipt {
  private final String provenanceId;
  private final byte[] entry;
  private final String opening;
  private volatile Map<String, Object> record;

  /** Built by the log; {@code record} is copied. */
  public Receipt(String provenanceId, Map<String, Object> record, String opening) {
    this.provenanceId = provenanceId;
    this.entry = null;
    this.record = Collections.unmodifiableMap(new LinkedHashMap<>(record));
    this.opening = opening;
  }

  /**
   * A receipt over the stored entry bytes, parsed on the first call of {@link #record()}: most
   * callers need only the id and the opening, and parsing would otherwise cost more than the rest
   * of the append.
   */
  private Receipt(String provenanceId, byte[] entry, String opening) {
    this.provenanceId = provenanceId;
    this.entry = entry;
    this.opening = opening;
  }

  static Receipt ofEntry(String provenanceId, byte[] entry, String opening) {
    return new Receipt(provenanceId, entry, opening);
  }

  /** The id of the record, {@code pvn_...}. */
  public String provenanceId() {
    return provenanceId;
  }

  /**
   * Every field of the stored record plus {@code chain_hash} and {@code signature}, as JSON-ready
   * values (String, Long, Double, Boolean, null, nested maps). Unmodifiable.
   */
  public Map<String, Object> record() {
    Map<String, Object> r = record;
    if (r == null) {
      // Racing first calls parse the same immutable bytes to equal maps; either may win.
      r = Collections.unmodifiableMap(Records.withProof(Records.parseEntry(entry)));
      record = r;
    }
    return r;
  }

  /**
   * The same JSON value as {@link #record()}, as UTF-8 JSON text: for a receipt from an append, the
   * record's canonical text as written, followed by {@code chain_hash} and {@code signature}, with
   * no parse, so a caller answering the record over the wire need not re-serialise it. A new array
   * on each call.
   */
  public byte[] recordJson() {
    return entry != null ? Records.proofJson(entry) : Jcs.canonicalize(record);
  }

  /** The commitment nonce in hex (64 digits), or null for a reseed without output. */
  public String opening() {
    return opening;
  }

  @Override
  public String toString() {
    return "Receipt[" + provenanceId + "]";
  }
}
