package io.quamtx.provenance.internal;

import io.quamtx.provenance.SignatureAlgorithm;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verification of a signature under a keyset entry, whatever its algorithm: Ed25519 through
 * BouncyCastle (the log scans many records on open), ECDSA P-256 through the JDK. Stateless and
 * thread-safe.
 */
public final class Signatures {
  private Signatures() {}

  /** True when the signature verifies under the key of the entry ({@code alg}, public_key). */
  public static boolean verify(Map<String, Object> keyEntry, byte[] message, byte[] signature) {
    try {
      byte[] pk = Base64.getDecoder().decode((String) keyEntry.get("public_key"));
      return verify(SignatureAlgorithm.fromLabel(keyEntry.get("alg")), pk, message, signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** True when the signature verifies under the public key of the given algorithm. */
  public static boolean verify(
      SignatureAlgorithm alg, byte[] publicKey, byte[] message, byte[] signature) {
    return switch (alg) {
      case ED25519 -> Ed25519Key.verify(publicKey, message, signature);
      case ECDSA_P256 -> EcdsaP256.verify(publicKey, message, signature);
    };
  }

  /** The entry of a key name among keyset entries, or null. */
  public static Map<String, Object> entry(List<Map<String, Object>> keys, String name) {
    for (Map<String, Object> k : keys) {
      if (name.equals(k.get("name"))) {
        return k;
      }
    }
    return null;
  }

  /** Decodes base64, or an empty array (which no algorithm accepts) when it is not base64. */
  public static byte[] base64(Object text) {
    try {
      return Base64.getDecoder().decode((String) text);
    } catch (RuntimeException e) {
      return new byte[0];
    }
  }
}
