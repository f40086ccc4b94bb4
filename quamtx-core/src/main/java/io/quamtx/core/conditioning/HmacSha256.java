package io.quamtx.core.conditioning;

import io.quamtx.core.internal.Sha256;
import java.security.DigestException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (FIPS 198-1) over quamtx's own SHA-256 ({@link Sha256}), with one fixed key.
 *
 * <p>The construction is the one the JCE's {@code HmacSHA256} uses. It is here because the first
 * {@code javax.crypto.Mac} lookup of a JVM loads the JCE (every provider before SunJCE and the
 * jurisdiction policy files), and even the first {@code MessageDigest} lookup loads the SUN
 * provider: tens of milliseconds on a fresh JVM's first draw. The conditioning it serves is bounded
 * by the sources' rate, far below {@link Sha256}'s. {@code HmacSha256Test} checks it against the
 * CAVP and Wycheproof HMAC-SHA-256 vectors and against the JCE's {@code HmacSHA256}.
 *
 * <p>Not thread-safe.
 */
final class HmacSha256 {
  static final int LENGTH = 32;
  private static final int BLOCK = 64;

  private final Sha256 md;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];

  HmacSha256(byte[] key) {
    md = new Sha256();
    byte[] k = key.length > BLOCK ? md.digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    if (k != key) {
      Arrays.fill(k, (byte) 0);
    }
    md.update(ipad);
  }

  void update(byte[] data, int off, int len) {
    md.update(data, off, len);
  }

  /**
   * Writes the 32-byte tag of everything given to {@link #update} since the last call at {@code
   * out[off]} and starts the next message under the same key.
   */
  void doFinal(byte[] out, int off) {
    try {
      md.digest(inner, 0, LENGTH);
      md.update(opad);
      md.update(inner);
      md.digest(out, off, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit its own length", e);
    } finally {
      Arrays.fill(inner, (byte) 0);
    }
    md.update(ipad);
  }

  /** Erases the key pads; the instance is unusable afterwards. */
  void destroy() {
    Arrays.fill(ipad, (byte) 0);
    Arrays.fill(opad, (byte) 0);
    md.reset();
  }
}
