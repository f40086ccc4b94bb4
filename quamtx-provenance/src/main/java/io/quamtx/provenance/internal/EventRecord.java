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
    CanonicalBytes out = new CanonicalBytes(768);
    out.raw(BILLING_UNITS).number(bytes * billingWeight);
    out.raw(WEIGHT).number(billingWeight);
    out.raw(BYTES).integer(bytes);
    out.raw(DURABILITY).recurringString(durability);
    out.raw(HEALTH).recurringString(health);
    out.raw(LOG_ID).recurringString(logId);
    out.raw(BASIS).recurringString(minEntropyBasis);
    out.raw(MIN_ENTROPY);
    if (minEntropyPerByte == null) {
      out.raw(NULL);
    } else {
      out.number(minEntropyPerByte);
    }
    out.raw(COMMITMENT).string(outputCommitment);
    out.raw(PREVIOUS_HASH).string(previousHash);
    out.raw(PROVENANCE_ID).string(provenanceId);
    if (requester != null) {
      out.raw(REQUESTER).recurringString(requester);
    }
    out.raw(SEQ).integer(seq);
    out.raw(SIGNED_BY).recurringString(signedBy);
    out.raw(SOURCE_CLASS).recurringString(sourceClass);
    out.raw(SOURCE_ID).recurringString(sourceId);
    out.raw(TIMESTAMP).string(timestamp);
    out.raw(TYPE).recurringString(type);
    return out.raw(VERSION).toByteArray();
  }

  // Member names and punctuation in canonical (RFC 8785 3.2.3) order.
  private static final byte[] BILLING_UNITS = ascii("{\"billing\":{\"units\":");
  private static final byte[] WEIGHT = ascii(",\"weight\":");
  private static final byte[] BYTES = ascii("},\"bytes\":");
  private static final byte[] DURABILITY = name("durability");
  private static final byte[] HEALTH = name("health");
  private static final byte[] LOG_ID = name("log_id");
  private static final byte[] BASIS = name("min_entropy_basis");
  private static final byte[] MIN_ENTROPY = name("min_entropy_per_byte");
  private static final byte[] NULL = ascii("null");
  private static final byte[] COMMITMENT = name("output_commitment");
  private static final byte[] PREVIOUS_HASH = name("previous_hash");
  private static final byte[] PROVENANCE_ID = name("provenance_id");
  private static final byte[] REQUESTER = name("requester");
  private static final byte[] SEQ = name("seq");
  private static final byte[] SIGNED_BY = name("signed_by");
  private static final byte[] SOURCE_CLASS = name("source_class");
  private static final byte[] SOURCE_ID = name("source_id");
  private static final byte[] TIMESTAMP = name("timestamp");
  private static final byte[] TYPE = name("type");
  private static final byte[] VERSION = ascii(",\"v\":" + Records.VERSION + "}");

  private static byte[] name(String member) {
    return ascii(",\"" + member + "\":");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
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
