package io.quamtx.provenance.internal;

import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.SignatureAlgorithm;
import io.quamtx.provenance.Signer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP tlog-checkpoint bodies wrapped in C2SP signed notes with Ed25519 or ECDSA P-256 signatures.
 *
 * <p>Body: origin line, tree size in decimal, base64 root hash, each ending in a newline. Note:
 * body, an empty line, then one line per signature: U+2014, space, key name, space, base64 of the
 * 4-byte key hash followed by the 64-byte signature. The key hash is the first 4 bytes of
 * SHA-256(key name || 0x0A || 0x01 || public key) for Ed25519 (signed-note type 0x01), and the
 * first 4 bytes of SHA-256(DER SubjectPublicKeyInfo) for ECDSA P-256 (type 0x02, the rule of the
 * transparency-dev witness that the signed-note spec points to; its signature is DER). Stateless
 * and thread-safe.
 */
public final class Checkpoint {
  private Checkpoint() {}

  /** The checkpoint body for a tree. */
  public static String body(String origin, long size, byte[] root) {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  /** The signed note of a body. */
  public static String sign(String body, Signer key) throws ProvenanceException {
    byte[] sig = key.sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] id = keyHash(key.name(), key.algorithm(), key.publicKey());
    byte[] blob = ByteBuffer.allocate(4 + sig.length).put(id).put(sig).array();
    return body + "\n\u2014 " + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /** The 4-byte signed-note key hash of a key. */
  public static byte[] keyHash(String name, SignatureAlgorithm alg, byte[] publicKey) {
    MessageDigest md = Hashes.sha256();
    if (alg == SignatureAlgorithm.ECDSA_P256) {
      return Arrays.copyOf(md.digest(publicKey), 4);
    }
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update(new byte[] {0x0a, 0x01});
    return Arrays.copyOf(md.digest(publicKey), 4);
  }
}
