package io.quamtx.core.drbg;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * CTR_DRBG, SP 800-90A section 10.2.1, with ctr_len = 128 and an optional Block_Cipher_df.
 *
 * <p>Design: the output blocks of a Generate call are E(K, V+1)..E(K, V+n) and the Update that
 * follows uses E(K, V+n+1)..; the counters are consecutive, so one pass of the JDK's AES/CTR
 * (intrinsified with AES-NI) over zeros yields both the output and the new (K, V). This needs one
 * key schedule per request instead of one cipher initialisation per block.
 */
final class CtrDrbgState implements DrbgState {
  private static final int BLOCK = 16;
  private static final int CHUNK = 4096;
  private static final byte[] ZEROS = new byte[CHUNK];

  private final int keyBytes;
  private final int seedBytes;
  private final boolean useDf;
  private final Cipher ctr;
  private final Cipher ecb;
  private final byte[] key;
  private final byte[] v = new byte[BLOCK];
  private final byte[] tail;

  CtrDrbgState(int keyBytes, boolean useDf) {
    this.keyBytes = keyBytes;
    this.seedBytes = keyBytes + BLOCK;
    this.useDf = useDf;
    this.key = new byte[keyBytes];
    this.tail = new byte[BLOCK + seedBytes];
    try {
      this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
      this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is required of every Java platform", e);
    }
  }

  @Override
  public void instantiate(byte[] entropy, byte[] nonce, byte[] personalization) {
    Arrays.fill(key, (byte) 0);
    Arrays.fill(v, (byte) 0);
    byte[] seed = seedMaterial(entropy, nonce, personalization);
    update(seed);
    Arrays.fill(seed, (byte) 0);
  }

  @Override
  public void reseed(byte[] entropy, byte[] additional) {
    byte[] seed = seedMaterial(entropy, new byte[0], additional);
    update(seed);
    Arrays.fill(seed, (byte) 0);
  }

  private byte[] seedMaterial(byte[] entropy, byte[] middle, byte[] extra) {
    if (useDf) {
      return blockCipherDf(Bytes.concat(entropy, middle, extra), seedBytes);
    }
    if (entropy.length != seedBytes || extra.length > seedBytes) {
      throw new IllegalArgumentException(
          "no-df CTR_DRBG needs " + seedBytes + " bytes of entropy, got " + entropy.length);
    }
    byte[] material = entropy.clone();
    Bytes.xorInto(material, extra);
    return material;
  }

  @Override
  public void generate(byte[] out, int off, int len, byte[] additional) {
    byte[] provided = new byte[seedBytes];
    if (additional.length > 0) {
      provided = useDf ? blockCipherDf(additional, seedBytes) : padded(additional);
      update(provided);
    }
    try {
      startCounter();
      int whole = len - len % BLOCK;
      for (int pos = 0; pos < whole; pos += CHUNK) {
        int n = Math.min(CHUNK, whole - pos);
        ctr.update(ZEROS, 0, n, out, off + pos);
      }
      int rest = len - whole;
      int tailLen = (rest == 0 ? 0 : BLOCK) + seedBytes;
      ctr.doFinal(ZEROS, 0, tailLen, tail, 0);
      System.arraycopy(tail, 0, out, off + whole, rest);
      int upd = tailLen - seedBytes;
      Bytes.xorInto(tail, upd, provided);
      System.arraycopy(tail, upd, key, 0, keyBytes);
      System.arraycopy(tail, upd + keyBytes, v, 0, BLOCK);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR failed on valid input", e);
    } finally {
      Arrays.fill(tail, (byte) 0);
      Arrays.fill(provided, (byte) 0);
    }
  }

  private byte[] padded(byte[] additional) {
    if (additional.length > seedBytes) {
      throw new IllegalArgumentException(
          "additional input of " + additional.length + " bytes; no-df allows " + seedBytes);
    }
    return Arrays.copyOf(additional, seedBytes);
  }

  /** Initialises the CTR cipher with K and the counter block V+1. */
  private void startCounter() throws GeneralSecurityException {
    byte[] iv = v.clone();
    Bytes.increment(iv);
    ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    Arrays.fill(iv, (byte) 0);
  }

  /** CTR_DRBG_Update, section 10.2.1.2. */
  private void update(byte[] provided) {
    byte[] temp = new byte[seedBytes];
    try {
      startCounter();
      ctr.doFinal(ZEROS, 0, seedBytes, temp, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR failed on valid input", e);
    }
    Bytes.xorInto(temp, provided);
    System.arraycopy(temp, 0, key, 0, keyBytes);
    System.arraycopy(temp, keyBytes, v, 0, BLOCK);
    Arrays.fill(temp, (byte) 0);
  }

  /** Block_Cipher_df, section 10.3.2. */
  byte[] blockCipherDf(byte[] input, int outBytes) {
    int sLen = 8 + input.length + 1;
    byte[] s = new byte[BLOCK + (sLen + BLOCK - 1) / BLOCK * BLOCK];
    Bytes.putInt(s, BLOCK, input.length);
    Bytes.putInt(s, BLOCK + 4, outBytes);
    System.arraycopy(input, 0, s, BLOCK + 8, input.length);
    s[BLOCK + 8 + input.length] = (byte) 0x80;
    byte[] dfKey = new byte[keyBytes];
    for (int i = 0; i < keyBytes; i++) {
      dfKey[i] = (byte) i;
    }
    byte[] temp = new byte[seedBytes];
    for (int i = 0; i * BLOCK < seedBytes; i++) {
      Bytes.putInt(s, 0, i);
      System.arraycopy(bcc(dfKey, s), 0, temp, i * BLOCK, Math.min(BLOCK, seedBytes - i * BLOCK));
    }
    byte[] result = chain(temp, outBytes);
    Arrays.fill(s, (byte) 0);
    Arrays.fill(temp, (byte) 0);
    return result;
  }

  /** The last loop of Block_Cipher_df: X = E(K, X) repeated, concatenated. */
  private byte[] chain(byte[] temp, int outBytes) {
    byte[] result = new byte[(outBytes + BLOCK - 1) / BLOCK * BLOCK];
    byte[] x = Arrays.copyOfRange(temp, keyBytes, keyBytes + BLOCK);
    try {
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(temp, 0, keyBytes, "AES"));
      for (int pos = 0; pos < result.length; pos += BLOCK) {
        ecb.doFinal(x, 0, BLOCK, x, 0);
        System.arraycopy(x, 0, result, pos, BLOCK);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB failed on valid input", e);
    }
    Arrays.fill(x, (byte) 0);
    return result.length == outBytes ? result : Arrays.copyOf(result, outBytes);
  }

  /** BCC, section 10.3.3: a CBC-MAC of {@code data} under {@code k}. */
  private byte[] bcc(byte[] k, byte[] data) {
    byte[] chaining = new byte[BLOCK];
    try {
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
      for (int pos = 0; pos < data.length; pos += BLOCK) {
        for (int i = 0; i < BLOCK; i++) {
          chaining[i] ^= data[pos + i];
        }
        ecb.doFinal(chaining, 0, BLOCK, chaining, 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB failed on valid input", e);
    }
    return chaining;
  }

  @Override
  public void wipe() {
    Arrays.fill(key, (byte) 0);
    Arrays.fill(v, (byte) 0);
  }
}
