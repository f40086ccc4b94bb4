package io.quamtx.provenance.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * ECDSA P-256 with SHA-256 through the JDK alone (the offline verifier uses it, so no
 * BouncyCastle). Public keys are DER SubjectPublicKeyInfo; signatures are strict ASN.1 DER: one
 * SEQUENCE of two positive INTEGERs in minimal form, short-form lengths, nothing after it. Any
 * other encoding of the same (r, s) is rejected, so a signature has one accepted byte form. The
 * pair (r, n - s) also verifies, as ECDSA allows; the chain hash never covers a signature, so that
 * does not change what a record means. Stateless and thread-safe.
 */
public final class EcdsaP256 {
  /** The order n of the P-256 base point (FIPS 186-5 / SP 800-186). */
  private static final BigInteger ORDER =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  private EcdsaP256() {}

  /** The public key of a DER SubjectPublicKeyInfo, or null when it is not a P-256 key. */
  public static PublicKey parsePublicKey(byte[] spki) {
    try {
      PublicKey pk = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      boolean p256 =
          pk instanceof ECPublicKey ec
              && ec.getParams().getOrder().equals(ORDER)
              && ec.getParams().getCurve().getField().getFieldSize() == 256;
      return p256 && Arrays.equals(pk.getEncoded(), spki) ? pk : null;
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /** True when the signature is strict DER and verifies over the message under the key. */
  public static boolean verify(byte[] spki, byte[] message, byte[] signature) {
    PublicKey pk = parsePublicKey(spki);
    if (pk == null || !isStrictDer(signature)) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(pk);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** SEQUENCE { INTEGER r, INTEGER s } in minimal DER, r and s in [1, n - 1]. */
  static boolean isStrictDer(byte[] sig) {
    if (sig.length < 8 || sig.length > 72 || sig[0] != 0x30 || sig[1] != sig.length - 2) {
      return false;
    }
    int rEnd = integerEnd(sig, 2);
    return rEnd > 0 && integerEnd(sig, rEnd) == sig.length;
  }

  /** The offset after a minimal positive INTEGER below n at {@code at}, or -1. */
  private static int integerEnd(byte[] sig, int at) {
    if (at + 2 > sig.length || sig[at] != 0x02) {
      return -1;
    }
    int len = sig[at + 1];
    int start = at + 2;
    if (len < 1 || len > 33 || start + len > sig.length) {
      return -1;
    }
    boolean negative = (sig[start] & 0x80) != 0;
    boolean padded = len > 1 && sig[start] == 0 && (sig[start + 1] & 0x80) == 0;
    BigInteger v = new BigInteger(1, Arrays.copyOfRange(sig, start, start + len));
    boolean inRange = v.signum() > 0 && v.compareTo(ORDER) < 0;
    return negative || padded || !inRange ? -1 : start + len;
  }
}
