package io.quamtx.provenance.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How records are hashed, signed, stored and committed to (docs/FORMAT.md, sections Record, Entry,
 * Signature, Output commitment). Stateless and thread-safe.
 */
public final class Records {
  /** Format version written in every record. */
  public static final int VERSION = 1;

  /** {@code previous_hash} of the genesis record. */
  public static final String ZERO_HASH = Hashes.PREFIX + "0".repeat(64);

  private static final byte[] RECORD_SIG_CONTEXT =
      "quamtx/record/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMIT_CONTEXT =
      "quamtx/out/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTRY_HASH = ascii("{\"chain_hash\":\"");
  private static final byte[] ENTRY_COSIG = ascii(",\"cosignature\":\"");
  private static final byte[] ENTRY_RECORD = ascii(",\"record\":");
  private static final byte[] ENTRY_SIG = ascii(",\"signature\":");
  private static final byte[] NULL_CLOSE = ascii("null}");
  private static final byte[] QUOTE_CLOSE = ascii("\"}");
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Records() {}

  /** The last timestamp formatted: appends in the same millisecond reuse its text. */
  private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

  private record Stamp(long millis, String text) {}

  /** RFC 3339 UTC with milliseconds. */
  public static String timestamp(Instant t) {
    long millis = t.toEpochMilli();
    Stamp last = lastStamp;
    if (last.millis() == millis) {
      return last.text();
    }
    String text = TIME.format(t);
    lastStamp = new Stamp(millis, text);
    return text;
  }

  /** The chain hash of a record: SHA-256(0x00 || JCS(record)). */
  public static byte[] chainHash(Map<String, Object> record) {
    return Hashes.leafHash(Jcs.canonicalize(record));
  }

  /** The bytes a record signature covers: "quamtx/record/v1\n" || chain hash (32 bytes). */
  public static byte[] signedBytes(byte[] chainHash) {
    return ByteBuffer.allocate(RECORD_SIG_CONTEXT.length + 32)
        .put(RECORD_SIG_CONTEXT)
        .put(chainHash)
        .array();
  }

  /**
   * The output commitment: SHA-256("quamtx/out/v1\n" || log id (ASCII) || 0x0A || seq (u64
   * big-endian) || nonce (32 bytes) || output).
   */
  public static byte[] commitment(String logId, long seq, byte[] nonce, byte[] output) {
    MessageDigest md = Hashes.sha256();
    md.update(COMMIT_CONTEXT);
    md.update(logId.getBytes(StandardCharsets.US_ASCII));
    md.update((byte) 0x0a);
    md.update(ByteBuffer.allocate(8).putLong(seq).array());
    md.update(nonce);
    return md.digest(output);
  }

  /**
   * The stored entry: {@code {"chain_hash", "record", "signature"}} (signature null when the record
   * is covered by checkpoints only), plus {@code "cosignature"} when a second key signed.
   */
  public static byte[] entry(
      Map<String, Object> record, byte[] chainHash, byte[] signature, byte[] cosignature) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("record", record);
    e.put("chain_hash", Hashes.text(chainHash));
    e.put("signature", signature == null ? null : Base64.getEncoder().encodeToString(signature));
    if (cosignature != null) {
      e.put("cosignature", Base64.getEncoder().encodeToString(cosignature));
    }
    return Jcs.canonicalize(e);
  }

  /**
   * The same bytes as {@link #entry} from a record already in canonical form, without
   * canonicalizing it a second time: the members chain_hash, cosignature, record, signature are
   * already in JCS order, and base64 and hash text need no escaping.
   */
  public static byte[] entryFromCanonical(
      byte[] recordJcs, byte[] chainHash, byte[] signature, byte[] cosignature) {
    byte[] hash = Hashes.textAscii(chainHash);
    byte[] cosig = cosignature == null ? null : BASE64.encode(cosignature);
    byte[] sig = signature == null ? null : BASE64.encode(signature);
    int size =
        ENTRY_HASH.length
            + hash.length
            + 1
            + (cosig == null ? 0 : ENTRY_COSIG.length + cosig.length + 1)
            + ENTRY_RECORD.length
            + recordJcs.length
            + ENTRY_SIG.length
            + (sig == null ? NULL_CLOSE.length : 1 + sig.length + QUOTE_CLOSE.length);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(ENTRY_HASH).put(hash).put((byte) '"');
    if (cosig != null) {
      out.put(ENTRY_COSIG).put(cosig).put((byte) '"');
    }
    out.put(ENTRY_RECORD).put(recordJcs).put(ENTRY_SIG);
    if (sig == null) {
      out.put(NULL_CLOSE);
    } else {
      out.put((byte) '"').put(sig).put(QUOTE_CLOSE);
    }
    return out.array();
  }

  /** The record object of an entry. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> recordOf(Map<String, Object> entry) {
    return (Map<String, Object>) entry.get("record");
  }

  /** The record flattened with its chain hash and signature, as receipts and verify show it. */
  public static Map<String, Object> withProof(Map<String, Object> entry) {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) entry.get("record"));
    out.put("chain_hash", entry.get("chain_hash"));
    out.put("signature", entry.get("signature"));
    return out;
  }

  private static final byte[] RECORD_MEMBER = ascii(",\"record\":");
  private static final byte[] SIGNATURE_MEMBER = ascii(",\"signature\":");
  private static final byte[] CHAIN_HASH_HEAD = ascii("{\"chain_hash\":\"");
  private static final byte[] CHAIN_HASH_MEMBER = ascii(",\"chain_hash\":");

  /**
   * The same JSON value as {@code withProof(parseEntry(entry))}, cut from the stored bytes without
   * a parse: the record's own canonical text, then {@code chain_hash} and {@code signature}. The
   * entry's members are in JCS order, so {@code record} follows the hash (and any cosignature,
   * whose base64 holds no quote), and {@code signature} is the last member; inside the record a
   * quote is always escaped, so neither marker can be matched within a string.
   *
   * @throws IllegalArgumentException when the bytes are not an entry in that form
   */
  public static byte[] proofJson(byte[] entry) {
    int hashEnd = indexOf(entry, CHAIN_HASH_HEAD.length, new byte[] {'"'});
    int record = hashEnd < 0 ? -1 : indexOf(entry, hashEnd, RECORD_MEMBER);
    int signature = lastIndexOf(entry, SIGNATURE_MEMBER);
    if (!startsWith(entry, CHAIN_HASH_HEAD)
        || record < 0
        || signature <= record
        || entry[signature - 1] != '}'
        || entry[entry.length - 1] != '}') {
      throw new IllegalArgumentException("not a stored entry (" + entry.length + " bytes)");
    }
    int recordStart = record + RECORD_MEMBER.length;
    int valueStart = signature + SIGNATURE_MEMBER.length;
    ByteBuffer out = ByteBuffer.allocate(entry.length);
    out.put(entry, recordStart, signature - 1 - recordStart)
        .put(CHAIN_HASH_MEMBER)
        .put(entry, CHAIN_HASH_HEAD.length - 1, hashEnd + 2 - CHAIN_HASH_HEAD.length)
        .put(SIGNATURE_MEMBER)
        .put(entry, valueStart, entry.length - valueStart);
    return Arrays.copyOf(out.array(), out.position());
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length
        && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] a, int from, byte[] marker) {
    for (int i = from; i <= a.length - marker.length; i++) {
      if (Arrays.equals(a, i, i + marker.length, marker, 0, marker.length)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] a, byte[] marker) {
    for (int i = a.length - marker.length; i >= 0; i--) {
      if (Arrays.equals(a, i, i + marker.length, marker, 0, marker.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses a stored entry. */
  public static Map<String, Object> parseEntry(byte[] payload) {
    return Json.parseObject(new String(payload, StandardCharsets.UTF_8));
  }
}
