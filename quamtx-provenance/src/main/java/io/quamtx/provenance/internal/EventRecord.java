package io.quamtx.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code draw} or {@code reseed} record (docs/FORMAT.md, section 2) with its canonical bytes
 * written directly, without building a map and sorting its members: the record shape is fixed, so
 * its members are emitted in the order RFC 8785 3.2.3 would sort them. {@link #toMap()} gives the
 * same record as a map; the generic {@link Jcs#canonicalize} of that map is byte-equal to {@link
 * #canonical()} (checked over random records in the tests), so a field added to one must be added
 * to both. Immutable and thread-safe.
 *
 * @param type {@code draw} or {@code reseed}
 * @param logId the log id
 * @param seq the record's sequence number
 * @param provenanceId the record's id
 * @param timestamp RFC 3339 UTC with milliseconds
 * @param sourceClass the class label
 * @param sourceId the source
 * @param health the health state at the draw
 * @param bytes bytes drawn
 * @param minEntropyPerByte the claimed min-entropy fraction, or null
 * @param minEntropyBasis where that figure comes from
 * @param billingWeight the class's billing weight
 * @param outputCommitment the commitment text, or null
 * @param durability {@code fsync} or {@code async}
 * @param previousHash the previous record's chain hash text
 * @param signedBy the signing key's name
 * @param requester who asked for the draw, or null when the member is absent
 */
public record EventRecord(
    String type,
    String logId,
    long seq,
    String provenanceId,
    String timestamp,
    String sourceClass,
    String sourceId,
    String health,
    long bytes,
    Double minEntropyPerByte,
    String minEntropyBasis,
    double billingWeight,
    String outputCommitment,
    String durability,
    String previousHash,
    String signedBy,
    String requester) {

  /** The record's JCS bytes. */
  public byte[] canonical() {
    StringBuilder sb = new StringBuilder(640);
    sb.append("{\"billing\":{\"units\":").append(Jcs.number(bytes * billingWeight));
    sb.append(",\"weight\":").append(Jcs.number(billingWeight));
    sb.append("},\"bytes\":").append(Jcs.number(bytes));
    member(sb, "durability", durability);
    member(sb, "health", health);
    member(sb, "log_id", logId);
    member(sb, "min_entropy_basis", minEntropyBasis);
    sb.append(",\"min_entropy_per_byte\":")
        .append(minEntropyPerByte == null ? "null" : Jcs.number(minEntropyPerByte));
    member(sb, "output_commitment", outputCommitment);
    member(sb, "previous_hash", previousHash);
    member(sb, "provenance_id", provenanceId);
    if (requester != null) {
      member(sb, "requester", requester);
    }
    sb.append(",\"seq\":").append(Jcs.number(seq));
    member(sb, "signed_by", signedBy);
    member(sb, "source_class", sourceClass);
    member(sb, "source_id", sourceId);
    member(sb, "timestamp", timestamp);
    member(sb, "type", type);
    sb.append(",\"v\":").append(Records.VERSION).append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void member(StringBuilder sb, String name, String value) {
    sb.append(",\"").append(name).append("\":");
    if (value == null) {
      sb.append("null");
    } else {
      Jcs.appendString(sb, value);
    }
  }

  /** The same record as JSON-ready values, members in the order the log has always built them. */
  public Map<String, Object> toMap() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("v", Records.VERSION);
    r.put("type", type);
    r.put("log_id", logId);
    r.put("seq", seq);
    r.put("provenance_id", provenanceId);
    r.put("timestamp", timestamp);
    r.put("source_class", sourceClass);
    r.put("source_id", sourceId);
    r.put("health", health);
    r.put("bytes", bytes);
    r.put("min_entropy_per_byte", minEntropyPerByte);
    r.put("min_entropy_basis", minEntropyBasis);
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("weight", billingWeight);
    billing.put("units", bytes * billingWeight);
    r.put("billing", billing);
    r.put("output_commitment", outputCommitment);
    r.put("durability", durability);
    if (requester != null) {
      r.put("requester", requester);
    }
    r.put("previous_hash", previousHash);
    r.put("signed_by", signedBy);
    return r;
  }
}
