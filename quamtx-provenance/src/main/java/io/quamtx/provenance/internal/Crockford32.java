package io.quamtx.provenance.internal;

/**
 * Crockford base32 without check symbol or padding, lower case on output, case-insensitive on
 * input. Only whole multiples of 5 bytes are supported, which is all the log needs. Thread-safe.
 */
public final class Crockford32 {
  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

  private Crockford32() {}

  /** Encodes bytes whose length is a multiple of 5. */
  public static String encode(byte[] data) {
    if (data.length % 5 != 0) {
      throw new IllegalArgumentException("length " + data.length + " is not a multiple of 5");
    }
    StringBuilder sb = new StringBuilder(data.length * 8 / 5);
    for (int i = 0; i < data.length; i += 5) {
      long group = 0;
      for (int j = 0; j < 5; j++) {
        group = (group << 8) | (data[i + j] & 0xff);
      }
      for (int shift = 35; shift >= 0; shift -= 5) {
        sb.append(ALPHABET.charAt((int) (group >>> shift) & 31));
      }
    }
    return sb.toString();
  }

  /**
   * Decodes text whose length is a multiple of 8.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public static byte[] decode(String text) {
    if (text.length() % 8 != 0) {
      throw new IllegalArgumentException("length " + text.length() + " is not a multiple of 8");
    }
    byte[] out = new byte[text.length() / 8 * 5];
    for (int i = 0, o = 0; i < text.length(); i += 8, o += 5) {
      long group = 0;
      for (int j = 0; j < 8; j++) {
        group = (group << 5) | valueOf(text.charAt(i + j));
      }
      for (int j = 4; j >= 0; j--) {
        out[o + j] = (byte) group;
        group >>>= 8;
      }
    }
    return out;
  }

  /** True when every character belongs to the alphabet (either case). */
  public static boolean isAlphabet(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (ALPHABET.indexOf(Character.toLowerCase(text.charAt(i))) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int valueOf(char c) {
    int v = ALPHABET.indexOf(Character.toLowerCase(c));
    if (v < 0) {
      throw new IllegalArgumentException("'" + c + "' is not a Crockford base32 character");
    }
    return v;
  }
}
