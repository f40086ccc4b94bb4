package io.quamtx.core.assess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.IntSupplier;

/**
 * Regenerates the sample files of {@code nist-90b-1.1.7/} byte for byte, as {@code generate.py}
 * there does: 32-bit big-endian words from SHA-256(label || 8-byte big-endian counter), and an
 * event of probability num/den when {@code u * den < num * 2^32}. Exact integer arithmetic only, so
 * both languages give the same bytes.
 */
final class CaseSamples {
  private static final int[] IID4 = {20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1};
  private static final int[] IID2 = {40, 30, 20, 10};
  private static final int[] SPARSE8 = {0x00, 0x11, 0xff};
  private static final int[] SPARSE8_WEIGHTS = {50, 30, 20};

  private final byte[] label;
  private long counter;
  private byte[] block = new byte[0];
  private int pos;

  private CaseSamples(String label) {
    this.label = label.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code n} samples of {@code kind} for {@code label}. */
  static byte[] generate(String kind, String label, int n) {
    CaseSamples g = new CaseSamples(label);
    IntSupplier next = g.kind(kind);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) next.getAsInt();
    }
    return out;
  }

  private IntSupplier kind(String kind) {
    return switch (kind) {
      case "uniform8" -> this::nextByte;
      case "uniform6" -> () -> nextByte() & 0x3f;
      case "biased1_p03" -> () -> below(word(), 3, 10) ? 1 : 0;
      case "biased1_p08" -> () -> below(word(), 8, 10) ? 1 : 0;
      case "markov1" -> markov(9, 7, 10);
      case "markov8" -> packed(markov(8, 6, 10));
      case "iid4" -> () -> pick(word(), IID4);
      case "iid2" -> () -> pick(word(), IID2);
      case "biased1_p001" -> () -> below(word(), 1, 100) ? 1 : 0;
      case "uniform1" -> () -> below(word(), 1, 2) ? 1 : 0;
      case "sticky1" -> markov(999, 999, 1000);
      case "sticky8" -> packed(markov(999, 999, 1000));
      case "sparse8" -> () -> SPARSE8[pick(word(), SPARSE8_WEIGHTS)];
      case "two8" -> () -> below(word(), 1, 2) ? 0xf0 : 0x0f;
      default -> throw new IllegalArgumentException("unknown sample kind " + kind);
    };
  }

  /** A two-state chain from state 0; it stays with probability p00/den or p11/den. */
  private IntSupplier markov(int p00, int p11, int den) {
    int[] state = {0};
    boolean[] started = {false};
    return () -> {
      if (started[0]) {
        int stay = state[0] == 0 ? p00 : p11;
        state[0] = below(word(), stay, den) ? state[0] : 1 - state[0];
      }
      started[0] = true;
      return state[0];
    };
  }

  private static IntSupplier packed(IntSupplier bits) {
    return () -> {
      int b = 0;
      for (int i = 0; i < 8; i++) {
        b = (b << 1) | bits.getAsInt();
      }
      return b;
    };
  }

  private static boolean below(long u, long num, long den) {
    return u * den < num << 32;
  }

  private static int pick(long u, int[] weights) {
    long total = 0;
    for (int w : weights) {
      total += w;
    }
    long x = (u * total) >>> 32;
    for (int i = 0; i < weights.length; i++) {
      if (x < weights[i]) {
        return i;
      }
      x -= weights[i];
    }
    throw new AssertionError("weights " + total);
  }

  private long word() {
    long w = 0;
    for (int i = 0; i < 4; i++) {
      w = (w << 8) | nextByte();
    }
    return w;
  }

  private int nextByte() {
    if (pos == block.length) {
      block = sha256(counter++);
      pos = 0;
    }
    return block[pos++] & 0xff;
  }

  private byte[] sha256(long n) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(label);
      for (int i = 7; i >= 0; i--) {
        md.update((byte) (n >>> (8 * i)));
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JDK", e);
    }
  }
}
