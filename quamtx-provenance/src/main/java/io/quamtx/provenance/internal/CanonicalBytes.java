package io.quamtx.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes RFC 8785 canonical JSON straight into UTF-8 bytes, for encoders of a fixed record shape
 * that emit members in canonical order themselves ({@link EventRecord}). Every value is written
 * byte-for-byte as {@link Jcs#canonicalize} writes it; the tests hold the two equal.
 *
 * <p>A string is encoded to UTF-8 first and only scanned for the three kinds of byte JCS escapes
 * (quote, backslash, controls below 0x20; bytes of multi-byte characters are copied as they are),
 * falling back to {@link Jcs} when one occurs. The values that repeat from record to record (source
 * ids, labels, key names) are kept in small shared tables of immutable entries, so racing threads
 * at worst encode a value twice. Instances are not thread-safe; the static tables are.
 */
public final class CanonicalBytes {
  private static final int TABLE = 256;
  private static final StringText[] STRINGS = new StringText[TABLE];
  private static final NumberText[] NUMBERS = new NumberText[64];

  private byte[] buf;
  private int len;

  /** A writer with room for {@code capacity} bytes before it grows. */
  public CanonicalBytes(int capacity) {
    buf = new byte[capacity];
  }

  private record StringText(String value, byte[] json) {}

  private record NumberText(long bits, byte[] text) {}

  /** Appends bytes known to be canonical already (member names, punctuation). */
  public CanonicalBytes raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** Appends one ASCII character. */
  public CanonicalBytes raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends a string value, quoted and escaped, or {@code null}. */
  public CanonicalBytes string(String s) {
    if (s == null) {
      return raw(NULL);
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (!needsEscape(utf8)) {
      ensure(utf8.length + 2);
      buf[len++] = '"';
      System.arraycopy(utf8, 0, buf, len, utf8.length);
      len += utf8.length;
      buf[len++] = '"';
      return this;
    }
    return raw(Jcs.canonicalize(s));
  }

  /**
   * Appends a string value as {@link #string} does, through a shared table: for values that recur
   * across records, whose encoding is then a lookup.
   */
  public CanonicalBytes recurringString(String s) {
    if (s == null) {
      return raw(NULL);
    }
    int slot = (s.hashCode() ^ (s.hashCode() >>> 16)) & (TABLE - 1);
    StringText known = STRINGS[slot];
    if (known == null || !known.value().equals(s)) {
      int from = len;
      string(s);
      known = new StringText(s, Arrays.copyOfRange(buf, from, len));
      STRINGS[slot] = known;
      return this;
    }
    return raw(known.json());
  }

  /**
   * Appends an integer.
   *
   * @throws IllegalArgumentException beyond 2^53, where JSON numbers stop being exact
   */
  public CanonicalBytes integer(long v) {
    if (Math.abs((double) v) > Jcs.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("integer " + v + " is beyond 2^53, not exact in JSON");
    }
    ensure(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
    return this;
  }

  /** Appends a number in its ECMAScript form ({@link Jcs#number(double)}). */
  public CanonicalBytes number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < Jcs.MAX_SAFE_INTEGER) {
      return integer((long) d);
    }
    long bits = Double.doubleToRawLongBits(d);
    int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 47)) & (NUMBERS.length - 1);
    NumberText known = NUMBERS[slot];
    if (known == null || known.bits() != bits) {
      known = new NumberText(bits, Jcs.number(d).getBytes(StandardCharsets.US_ASCII));
      NUMBERS[slot] = known;
    }
    return raw(known.text());
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private static boolean needsEscape(byte[] utf8) {
    for (byte b : utf8) {
      // Bytes of multi-byte characters are negative and need no escape.
      if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') {
        return true;
      }
    }
    return false;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
}
