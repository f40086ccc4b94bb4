package io.quamtx.core.drbg;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC_DRBG, SP 800-90A section 10.1.2. */
final class HmacDrbgState implements DrbgState {
  private static final byte[] ZERO = {0};
  private static final byte[] ONE = {1};

  private final Mac mac;
  private final String algorithm;
  private final byte[] key;
  private final byte[] v;

  HmacDrbgState(Mechanism mechanism) {
    this.algorithm = mechanism.primitive();
    try {
      this.mac = Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is required of Java", e);
    }
    this.key = new byte[mechanism.stateBytes()];
    this.v = new byte[mechanism.stateBytes()];
  }

  @Override
  public void instantiate(byte[] entropy, byte[] nonce, byte[] personalization) {
    Arrays.fill(key, (byte) 0);
    Arrays.fill(v, (byte) 1);
    update(entropy, nonce, personalization);
  }

  @Override
  public void reseed(byte[] entropy, byte[] additional) {
    update(entropy, additional);
  }

  @Override
  public void generate(byte[] out, int off, int len, byte[] additional) {
    if (additional.length > 0) {
      update(additional);
    }
    rekey();
    for (int pos = 0; pos < len; pos += v.length) {
      mac.update(v);
      macInto(v);
      System.arraycopy(v, 0, out, off + pos, Math.min(v.length, len - pos));
    }
    update(additional);
  }

  /** HMAC_DRBG_Update, section 10.1.2.2; {@code provided} is the concatenation of the parts. */
  private void update(byte[]... provided) {
    boolean empty = step(ZERO, provided);
    if (!empty) {
      step(ONE, provided);
    }
  }

  /** K = HMAC(K, V || tag || provided); V = HMAC(K, V). True when provided is empty. */
  private boolean step(byte[] tag, byte[][] provided) {
    rekey();
    mac.update(v);
    mac.update(tag);
    int total = 0;
    for (byte[] p : provided) {
      mac.update(p);
      total += p.length;
    }
    macInto(key);
    rekey();
    mac.update(v);
    macInto(v);
    return total == 0;
  }

  private void rekey() {
    try {
      mac.init(new SecretKeySpec(key, algorithm));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC rejected its own key", e);
    }
  }

  private void macInto(byte[] dst) {
    try {
      mac.doFinal(dst, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC output does not fit its own size", e);
    }
  }

  @Override
  public void wipe() {
    Arrays.fill(key, (byte) 0);
    Arrays.fill(v, (byte) 0);
  }
}
