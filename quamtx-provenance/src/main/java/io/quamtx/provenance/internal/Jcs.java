package io.quamtx.provenance.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 8785 JSON Canonicalization Scheme over plain Java values ({@link Map} with string keys,
 * {@link Collection}, {@link String}, {@link Number}, {@link Boolean}, {@code null}).
 *
 * <p>Members are sorted by their UTF-16 code units (RFC 8785 3.2.3), strings use the minimal
 * escaping of 3.2.2.2, and numbers the ECMAScript shortest round-trip form of 3.2.2.3. The shortest
 * form is found with exact {@link BigDecimal} arithmetic, so it does not depend on the JDK's {@code
 * Double.toString}, which is not always shortest before JDK 19. Thread-safe and stateless.
 */
public final class Jcs {
  /** 2^53: integers up to this magnitude are exact in a double. */
  public static final double MAX_SAFE_INTEGER = 9007199254740992.0;

  private Jcs() {}

  /** The canonical UTF-8 bytes of a value. */
  public static byte[] canonicalize(Object value) {
    return canonicalString(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical text of a value.
   *
   * @throws IllegalArgumentException for NaN, infinities, integers beyond 2^53 and unsupported
   *     types
   */
  public static String canonicalString(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      writeString(sb, (String) v);
    } else if (v instanceof Boolean) {
      sb.append(v.toString());
    } else if (v instanceof Number) {
      sb.append(number((Number) v));
    } else if (v instanceof Map) {
      writeObject(sb, (Map<?, ?>) v);
    } else if (v instanceof Collection) {
      writeArray(sb, (Collection<?>) v);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> m) {
    List<String> keys = new ArrayList<>(m.size());
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new IllegalArgumentException("JSON member name is not a string: " + k);
      }
      keys.add((String) k);
    }
    // String.compareTo orders by UTF-16 code units, exactly what RFC 8785 3.2.3 asks for.
    keys.sort(null);
    sb.append('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      writeString(sb, keys.get(i));
      sb.append(':');
      write(sb, m.get(keys.get(i)));
    }
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, Collection<?> a) {
    sb.append('[');
    boolean first = true;
    for (Object e : a) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      write(sb, e);
    }
    sb.append(']');
  }

  /** Appends the canonical form of a string (quotes and minimal escaping, RFC 8785 3.2.2.2). */
  public static void appendString(StringBuilder sb, String s) {
    writeString(sb, s);
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    int plain = plainPrefix(s);
    // Record text is almost always free of escapes: copy it whole, not char by char (the record
    // is built under the log's lock).
    sb.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          appendPlain(sb, c);
      }
    }
    sb.append('"');
  }

  /** The length of the longest prefix of {@code s} that needs no escape. */
  private static int plainPrefix(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return i;
      }
    }
    return s.length();
  }

  private static void appendPlain(StringBuilder sb, char c) {
    if (c < 0x20) {
      sb.append("\\u00")
          .append(Character.forDigit(c >> 4, 16))
          .append(Character.forDigit(c & 15, 16));
    } else {
      sb.append(c);
    }
  }

  /** The ECMAScript (ES2015 Number.prototype.toString) form of a number, as RFC 8785 requires. */
  public static String number(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      long l = n.longValue();
      if (Math.abs((double) l) > MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("integer " + l + " is beyond 2^53, not exact in JSON");
      }
      return Long.toString(l);
    }
    return number(n.doubleValue());
  }

  /**
   * The ECMAScript form of a double. Records repeat the same few fractions (a source's min-entropy
   * claim), and the exact shortest-form search costs several microseconds, so forms already found
   * are kept (up to {@value #CACHED_NUMBERS}; a pure function of the bits, so sharing is safe).
   */
  public static String number(double d) {
    String known = NUMBERS.get(d);
    if (known != null) {
      return known;
    }
    String s = uncachedNumber(d);
    if (NUMBERS.size() < CACHED_NUMBERS) {
      NUMBERS.putIfAbsent(d, s);
    }
    return s;
  }

  private static final int CACHED_NUMBERS = 1024;
  private static final Map<Double, String> NUMBERS = new ConcurrentHashMap<>();

  private static String uncachedNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no representation for " + d);
    }
    if (d == 0) {
      return "0";
    }
    if (d == Math.rint(d) && Math.abs(d) < MAX_SAFE_INTEGER) {
      return Long.toString((long) d);
    }
    BigDecimal shortest = shortest(d);
    String digits = shortest.unscaledValue().abs().toString();
    int exp10 = digits.length() - shortest.scale();
    return (d < 0 ? "-" : "") + layout(digits, exp10);
  }

  /** The shortest decimal that reads back as d, the one closest to d among those of that length. */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal best = null;
      for (RoundingMode mode : MODES) {
        BigDecimal c = exact.round(new MathContext(p, mode));
        if (c.doubleValue() == d && (best == null || closer(exact, c, best))) {
          best = c;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 digits always round-trip a double");
  }

  private static final RoundingMode[] MODES = {
    RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING
  };

  private static boolean closer(BigDecimal exact, BigDecimal a, BigDecimal b) {
    return exact.subtract(a).abs().compareTo(exact.subtract(b).abs()) < 0;
  }

  /** ES2015 7.1.12.1 steps 6 to 10, with k digits and decimal exponent n. */
  private static String layout(String digits, int n) {
    int k = digits.length();
    if (k <= n && n <= 21) {
      return digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return "0." + "0".repeat(-n) + digits;
    }
    String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    int e = n - 1;
    return mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
  }
}
