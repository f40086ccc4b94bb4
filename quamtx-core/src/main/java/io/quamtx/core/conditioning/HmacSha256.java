package io.quamtx.core.conditioning;

import io.quamtx.core.internal.Sha256;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (FIPS 198-1) with one fixed key, over quamtx's own SHA-256 ({@link Sha256}) for its
 * first {@value #OWN_DIGEST_MESSAGES} messages and over the JDK's after that.
 *
 * <p>The construction is the one the JCE's {@code HmacSHA256} uses. It is here because the first
 * {@code javax.crypto.Mac} lookup of a JVM loads the JCE (every provider before SunJCE and the
 * jurisdiction policy files), and even the first {@code MessageDigest} lookup loads the SUN
 * provider: tens of milliseconds on a fresh JVM's first draw, which needs only a few messages. The
 * JDK's SHA-256 uses the CPU's SHA instructions and runs several times faster once compiled; it is
 * looked up at a message boundary, on the conditioning thread, long after the first draw. A caller
 * that makes a new instance per request carries the count over ({@link #ownMessagesLeft}). If it
 * cannot be had, {@link Sha256} goes on. {@code HmacSha256Test} checks both against the CAVP and
 * Wycheproof HMAC-SHA-256 vectors and against the JCE's {@code HmacSHA256}, across the switch.
 *
 * <p>Not thread-safe.
 */
final class HmacSha256 {
  static final int LENGTH = 32;
  private static final int BLOCK = 64;

  /** Messages computed over {@link Sha256} before the JDK's SHA-256 is looked up. */
  static final int OWN_DIGEST_MESSAGES = 256;

  private MessageDigest md;
  private int messages;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];

  HmacSha256(byte[] key) {
    this(key, OWN_DIGEST_MESSAGES);
  }

  /**
   * {@code ownMessages}: how many messages use {@link Sha256}; 0 means the JDK's from the start.
   */
  HmacSha256(byte[] key, int ownMessages) {
    md = ownMessages > 0 ? new Sha256() : jdkOr(new Sha256());
    messages = OWN_DIGEST_MESSAGES - ownMessages;
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

  /** The JDK's SHA-256, or {@code otherwise} when the platform has none. */
  private static MessageDigest jdkOr(MessageDigest otherwise) {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException | RuntimeException e) {
      return otherwise;
    }
  }

  /** How many more messages this instance computes over {@link Sha256}; 0 once on the JDK's. */
  int ownMessagesLeft() {
    return onJdkDigest() ? 0 : Math.max(0, OWN_DIGEST_MESSAGES - messages);
  }

  /** Whether the messages are now hashed with the JDK's SHA-256. */
  boolean onJdkDigest() {
    return !(md instanceof Sha256);
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
    if (++messages == OWN_DIGEST_MESSAGES) {
      md = jdkOr(md);
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
