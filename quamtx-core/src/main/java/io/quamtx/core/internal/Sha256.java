package io.quamtx.core.internal;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * SHA-256 (FIPS 180-4 section 6.2) in plain Java, as a {@link MessageDigest} made with {@code new}.
 *
 * <p>It exists for the first draw of a fresh JVM. {@code MessageDigest.getInstance("SHA-256")}
 * first reads the security properties, builds the provider list and registers every service of the
 * SUN provider: about as long as the JDK's own DRBG takes for its whole first output. This class
 * loads alone. Once compiled it runs several times slower than the JDK's, which uses the CPU's SHA
 * instructions, so it serves only the start: a lane's first conditioned blocks, after which the
 * conditioning moves to the JDK's, and the Hash_DRBG a thread starts on until AES has loaded.
 * {@code Sha256Test} checks it against the CAVP SHAVS files and the JDK's SHA-256.
 *
 * <p>Not thread-safe. {@link #clone()} copies the state.
 */
public final class Sha256 extends MessageDigest implements Cloneable {
  /** The digest length in bytes. */
  public static final int LENGTH = 32;

  private static final int BLOCK = 64;

  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };

  private int[] state = new int[8];
  private int[] w = new int[64];
  private byte[] buffer = new byte[BLOCK];
  private int buffered;
  private long length;

  /** A digest ready for its first message. */
  public Sha256() {
    super("SHA-256");
    engineReset();
  }

  @Override
  protected int engineGetDigestLength() {
    return LENGTH;
  }

  @Override
  protected void engineUpdate(byte input) {
    buffer[buffered++] = input;
    length++;
    if (buffered == BLOCK) {
      compress(buffer, 0);
      buffered = 0;
    }
  }

  @Override
  protected void engineUpdate(byte[] input, int off, int len) {
    length += len;
    if (buffered > 0) {
      int n = Math.min(len, BLOCK - buffered);
      System.arraycopy(input, off, buffer, buffered, n);
      buffered += n;
      off += n;
      len -= n;
      if (buffered < BLOCK) {
        return;
      }
      compress(buffer, 0);
      buffered = 0;
    }
    for (; len >= BLOCK; off += BLOCK, len -= BLOCK) {
      compress(input, off);
    }
    System.arraycopy(input, off, buffer, 0, len);
    buffered = len;
  }

  @Override
  protected byte[] engineDigest() {
    byte[] out = new byte[LENGTH];
    finish(out, 0);
    return out;
  }

  @Override
  protected int engineDigest(byte[] out, int off, int len) throws DigestException {
    if (len < LENGTH) {
      throw new DigestException("SHA-256 needs 32 bytes of output space, got " + len);
    }
    if (off < 0 || off > out.length - LENGTH) {
      throw new DigestException("no room for 32 bytes at offset " + off);
    }
    finish(out, off);
    return LENGTH;
  }

  @Override
  protected void engineReset() {
    state[0] = 0x6a09e667;
    state[1] = 0xbb67ae85;
    state[2] = 0x3c6ef372;
    state[3] = 0xa54ff53a;
    state[4] = 0x510e527f;
    state[5] = 0x9b05688c;
    state[6] = 0x1f83d9ab;
    state[7] = 0x5be0cd19;
    zero(buffer, 0, BLOCK);
    for (int t = 0; t < w.length; t++) {
      w[t] = 0;
    }
    buffered = 0;
    length = 0;
  }

  @Override
  public Object clone() throws CloneNotSupportedException {
    Sha256 copy = (Sha256) super.clone();
    copy.state = state.clone();
    copy.w = new int[64];
    copy.buffer = buffer.clone();
    return copy;
  }

  /** Pads (section 5.1.1), writes the digest at {@code out[off]} and resets. */
  private void finish(byte[] out, int off) {
    long bits = length << 3;
    buffer[buffered++] = (byte) 0x80;
    if (buffered > BLOCK - 8) {
      zero(buffer, buffered, BLOCK);
      compress(buffer, 0);
      buffered = 0;
    }
    zero(buffer, buffered, BLOCK - 8);
    for (int i = 0; i < 8; i++) {
      buffer[BLOCK - 1 - i] = (byte) (bits >>> (8 * i));
    }
    compress(buffer, 0);
    for (int i = 0; i < 8; i++) {
      int v = state[i];
      out[off + 4 * i] = (byte) (v >>> 24);
      out[off + 4 * i + 1] = (byte) (v >>> 16);
      out[off + 4 * i + 2] = (byte) (v >>> 8);
      out[off + 4 * i + 3] = (byte) v;
    }
    engineReset();
  }

  /**
   * Zeroes {@code b[from..to)}. A loop rather than {@code Arrays.fill}: called for a few bytes per
   * digest, tens of thousands of times in a fresh JVM, it would train the JIT's one compiled copy
   * of {@code Arrays.fill} on short ranges, which then ran a caller's 4 KiB wipes at half speed.
   */
  private static void zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = 0;
    }
  }

  /** The compression function on the 64 bytes at {@code block[off]}, section 6.2.2. */
  private void compress(byte[] block, int off) {
    int[] w = this.w;
    for (int t = 0; t < 16; t++) {
      int p = off + 4 * t;
      w[t] =
          (block[p] << 24)
              | ((block[p + 1] & 0xff) << 16)
              | ((block[p + 2] & 0xff) << 8)
              | (block[p + 3] & 0xff);
    }
    for (int t = 16; t < 64; t++) {
      int x = w[t - 2];
      int y = w[t - 15];
      int s1 = Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
      int s0 = Integer.rotateRight(y, 7) ^ Integer.rotateRight(y, 18) ^ (y >>> 3);
      w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    int a = state[0];
    int b = state[1];
    int c = state[2];
    int d = state[3];
    int e = state[4];
    int f = state[5];
    int g = state[6];
    int h = state[7];
    for (int t = 0; t < 64; t++) {
      int sum1 =
          Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int ch = (e & f) ^ (~e & g);
      int t1 = h + sum1 + ch + K[t] + w[t];
      int sum0 =
          Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int maj = (a & b) ^ (a & c) ^ (b & c);
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + sum0 + maj;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}
