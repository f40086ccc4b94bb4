package io.quamtx.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 and the {@code sha256:<hex>} text form used in records. JDK only. Thread-safe: the leaf
 * and node hashes use one digest per thread, {@link #sha256()} a clone of one that is never used.
 */
public final class Hashes {
  /** Prefix of every hash in text form. */
  public static final String PREFIX = "sha256:";

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PREFIX_ASCII = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final MessageDigest SHA256 = newSha256();

  /**
   * One digest per thread for the leaf and node hashes every append makes: each use ends with
   * {@code digest}, which resets it, and nothing else can run on the thread in between.
   */
  private static final ThreadLocal<MessageDigest> PER_THREAD =
      ThreadLocal.withInitial(Hashes::newSha256);

  private Hashes() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      // Cloning an untouched digest skips the provider lookup of getInstance on every hash.
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** SHA-256(0x00 || data): the RFC 9162 leaf hash, which is also the record's chain hash. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest md = PER_THREAD.get();
    md.update((byte) 0);
    return md.digest(data);
  }

  /** SHA-256(0x01 || left || right): an RFC 9162 interior node. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = PER_THREAD.get();
    md.update((byte) 1);
    md.update(left);
    return md.digest(right);
  }

  /** {@code sha256:} followed by 64 lower-case hex digits. */
  public static String text(byte[] hash) {
    return new String(textAscii(hash), StandardCharsets.ISO_8859_1);
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code sha256:} + 64 hex
   */
  public static byte[] parse(String text) {
    if (text == null
        || text.length() != PREFIX.length() + 64
        || !text.startsWith(PREFIX)
        || !text.substring(PREFIX.length()).chars().allMatch(Hashes::isLowerHex)) {
      throw new IllegalArgumentException("not a sha256:<64 hex> hash: '" + text + "'");
    }
    return HEX.parseHex(text, PREFIX.length(), text.length());
  }

  /**
   * The text form as ASCII bytes, written from a table: every record carries two hash texts, and
   * the general-purpose formatter was a tenth of an asynchronous append.
   */
  public static byte[] textAscii(byte[] hash) {
    int p = PREFIX_ASCII.length;
    byte[] out = Arrays.copyOf(PREFIX_ASCII, p + 2 * hash.length);
    for (int i = 0; i < hash.length; i++) {
      out[p + 2 * i] = DIGITS[(hash[i] >> 4) & 15];
      out[p + 2 * i + 1] = DIGITS[hash[i] & 15];
    }
    return out;
  }

  /** Lower-case hex of bytes. */
  public static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** Parses lower- or upper-case hex. */
  public static byte[] unhex(String s) {
    return HEX.parseHex(s);
  }

  /** Constant-time equality, for hashes and tags. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** A copy of a range, for readability at call sites. */
  public static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
