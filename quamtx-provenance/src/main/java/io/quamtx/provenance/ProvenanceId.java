package io.quamtx.provenance;

import io.quamtx.provenance.internal.Crockford32;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Provenance ids: {@code pvn_} followed by 32 Crockford base32 characters encoding 20 bytes, the
 * record's sequence number (u64 big-endian), the first 4 bytes of the log id, and 8 random bytes.
 *
 * <p>The id locates its record directly (the sequence number) and names its log, while the random
 * part makes ids unguessable from a counter. It cannot hold the record's own chain hash because
 * that hash covers the id; the record binds the id instead. Ids are written in lower case and read
 * in either case. Thread-safe.
 */
public final class ProvenanceId {
  /** Prefix of every id. */
  public static final String PREFIX = "pvn_";

  /** Characters after the prefix. */
  public static final int BODY_CHARS = 32;

  private final long seq;
  private final byte[] logPrefix;

  private ProvenanceId(long seq, byte[] logPrefix) {
    this.seq = seq;
    this.logPrefix = logPrefix;
  }

  /** True when {@code id} has the form of a provenance id (not whether any log holds it). */
  public static boolean isWellFormed(String id) {
    return id != null
        && id.length() == PREFIX.length() + BODY_CHARS
        && id.startsWith(PREFIX)
        && Crockford32.isAlphabet(id.substring(PREFIX.length()));
  }

  /**
   * Reads an id.
   *
   * @throws IllegalArgumentException naming the value when it is malformed
   */
  public static ProvenanceId parse(String id) {
    if (!isWellFormed(id)) {
      throw new IllegalArgumentException(
          "malformed provenance id '" + id + "': expected pvn_ and 32 Crockford base32 characters");
    }
    ByteBuffer b = ByteBuffer.wrap(Crockford32.decode(id.substring(PREFIX.length())));
    long seq = b.getLong();
    byte[] prefix = new byte[4];
    b.get(prefix);
    return new ProvenanceId(seq, prefix);
  }

  /** Builds the id of record {@code seq} of the log whose id bytes start with {@code logId}. */
  public static String format(long seq, byte[] logId, byte[] random8) {
    ByteBuffer b = ByteBuffer.allocate(20).putLong(seq).put(logId, 0, 4).put(random8, 0, 8);
    return PREFIX + Crockford32.encode(b.array());
  }

  /** The canonical (lower-case) form of a well-formed id. */
  public static String normalize(String id) {
    parse(id);
    return id.toLowerCase(Locale.ROOT);
  }

  /** Sequence number of the record. */
  public long seq() {
    return seq;
  }

  /** First 4 bytes of the log id. */
  public byte[] logPrefix() {
    return logPrefix.clone();
  }
}
