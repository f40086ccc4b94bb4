package io.quamtx.core.assess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Raw samples for an SP 800-90B assessment, one sample per byte in the low {@code bits} bits, as
 * NIST's reference tool reads them.
 *
 * <p>Besides the raw values, this keeps the samples translated to {@code 0..k-1} in increasing
 * value order (k = the number of distinct values present), which is what the estimators on the
 * literal samples run on, and lazily the bitstring: every sample expanded to {@code bits} bits,
 * most-significant bit first, from the untranslated values (the tool's behaviour since its issue
 * #71).
 *
 * <p>Immutable and thread-safe once built; the arrays it returns are its own and must not be
 * modified.
 */
public final class Samples {
  /** The fewest samples this implementation assesses. SP 800-90B asks for 1,000,000. */
  public static final int MIN_SAMPLES = 1000;

  private final byte[] raw;
  private final byte[] symbols;
  private final int bits;
  private final int distinct;
  private volatile byte[] bitstring;

  private Samples(byte[] raw, byte[] symbols, int bits, int distinct) {
    this.raw = raw;
    this.symbols = symbols;
    this.bits = bits;
    this.distinct = distinct;
  }

  /**
   * Wraps {@code data}, one sample per byte, each of at most {@code bits} bits.
   *
   * @throws IllegalArgumentException if {@code bits} is not 1 to 8, a byte has a bit set above
   *     {@code bits} (the tool refuses such files too), or there are fewer than {@value
   *     #MIN_SAMPLES} samples
   */
  public static Samples of(byte[] data, int bits) {
    if (bits < 1 || bits > 8) {
      throw new IllegalArgumentException("sample width " + bits + " bits; allowed: 1 to 8");
    }
    if (data.length < MIN_SAMPLES) {
      throw new IllegalArgumentException(
          data.length + " samples; an assessment needs at least " + MIN_SAMPLES);
    }
    int[] map = new int[256];
    for (int i = 0; i < data.length; i++) {
      int v = data[i] & 0xff;
      if (v >>> bits != 0) {
        throw new IllegalArgumentException(
            "sample " + i + " is " + v + ", wider than " + bits + " bits");
      }
      map[v] = 1;
    }
    int k = 0;
    for (int v = 0; v < 256; v++) {
      map[v] = map[v] != 0 ? k++ : -1;
    }
    byte[] symbols = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      symbols[i] = (byte) map[data[i] & 0xff];
    }
    return new Samples(data.clone(), symbols, bits, k);
  }

  /**
   * Reads a file of samples, one per byte.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException as {@link #of(byte[], int)}
   */
  public static Samples read(Path file, int bits) throws IOException {
    return of(Files.readAllBytes(file), bits);
  }

  /** The declared sample width n in bits. */
  public int bits() {
    return bits;
  }

  /** The number of samples L. */
  public int size() {
    return raw.length;
  }

  /** The number of distinct values present, k. */
  public int distinct() {
    return distinct;
  }

  /** Whether the samples take exactly two values, the tool's meaning of binary. */
  public boolean isBinary() {
    return distinct == 2;
  }

  byte[] raw() {
    return raw;
  }

  byte[] symbols() {
    return symbols;
  }

  /** The samples as bits, most-significant first: {@code bits * size()} values 0 or 1. */
  byte[] bitstring() {
    byte[] b = bitstring;
    if (b == null) {
      b = new byte[raw.length * bits];
      for (int i = 0, o = 0; i < raw.length; i++) {
        for (int j = bits - 1; j >= 0; j--) {
          b[o++] = (byte) ((raw[i] >>> j) & 1);
        }
      }
      bitstring = b;
    }
    return b;
  }
}
