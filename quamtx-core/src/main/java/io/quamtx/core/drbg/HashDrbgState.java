package io.quamtx.core.drbg;

import io.quamtx.core.internal.Sha256;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/** Hash_DRBG, SP 800-90A section 10.1.1, with Hash_df of section 10.3.1. */
final class HashDrbgState implements DrbgState {
  private final MessageDigest md;
  private final int seedBytes;
  private final byte[] v;
  private final byte[] c;
  private long counter;

  /** {@code ownSha256}: SHA-256 from {@link Sha256} (see {@link DrbgConfig#ownSha256()}). */
  HashDrbgState(Mechanism mechanism, boolean ownSha256) {
    try {
      this.md = ownSha256 ? new Sha256() : MessageDigest.getInstance(mechanism.primitive());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(mechanism.primitive() + " is required of Java", e);
    }
    this.seedBytes = mechanism.stateBytes();
    this.v = new byte[seedBytes];
    this.c = new byte[seedBytes];
  }

  @Override
  public void instantiate(byte[] entropy, byte[] nonce, byte[] personalization) {
    byte[] seed = hashDf(seedBytes, entropy, nonce, personalization);
    setState(seed);
  }

  @Override
  public void reseed(byte[] entropy, byte[] additional) {
    byte[] seed = hashDf(seedBytes, new byte[] {1}, v, entropy, additional);
    setState(seed);
  }

  private void setState(byte[] seed) {
    System.arraycopy(seed, 0, v, 0, seedBytes);
    byte[] constant = hashDf(seedBytes, new byte[] {0}, v);
    System.arraycopy(constant, 0, c, 0, seedBytes);
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(constant, (byte) 0);
    counter = 1;
  }

  @Override
  public void generate(byte[] out, int off, int len, byte[] additional) {
    if (additional.length > 0) {
      Bytes.addInto(v, hash(new byte[] {2}, v, additional));
    }
    hashgen(out, off, len);
    byte[] h = hash(new byte[] {3}, v);
    Bytes.addInto(v, h);
    Bytes.addInto(v, c);
    Bytes.addInto(v, counter);
    Arrays.fill(h, (byte) 0);
    counter++;
  }

  /** Hashgen, section 10.1.1.4. */
  private void hashgen(byte[] out, int off, int len) {
    byte[] data = v.clone();
    for (int pos = 0; pos < len; ) {
      byte[] w = hash(data);
      int n = Math.min(w.length, len - pos);
      System.arraycopy(w, 0, out, off + pos, n);
      Arrays.fill(w, (byte) 0);
      pos += n;
      Bytes.increment(data);
    }
    Arrays.fill(data, (byte) 0);
  }

  /** Hash_df, section 10.3.1. */
  private byte[] hashDf(int outBytes, byte[]... input) {
    byte[] result = new byte[outBytes];
    byte[] prefix = new byte[5];
    Bytes.putInt(prefix, 1, outBytes * 8);
    for (int pos = 0, i = 1; pos < outBytes; i++) {
      prefix[0] = (byte) i;
      md.update(prefix);
      byte[] block = hash(input);
      int n = Math.min(block.length, outBytes - pos);
      System.arraycopy(block, 0, result, pos, n);
      Arrays.fill(block, (byte) 0);
      pos += n;
    }
    return result;
  }

  private byte[] hash(byte[]... parts) {
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  @Override
  public void wipe() {
    Arrays.fill(v, (byte) 0);
    Arrays.fill(c, (byte) 0);
  }
}
