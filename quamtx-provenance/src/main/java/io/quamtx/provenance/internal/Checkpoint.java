package io.quamtx.provenance.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP tlog-checkpoint bodies wrapped in C2SP signed notes with Ed25519 signatures.
 *
 * <p>Body: origin line, tree size in decimal, base64 root hash, each ending in a newline. Note:
 * body, an empty line, then one line per signature: U+2014, space, key name, space, base64 of the
 * 4-byte key hash followed by the 64-byte signature. The key hash is the first 4 bytes of
 * SHA-256(key name || 0x0A || 0x01 || public key); 0x01 is the signed-note type of Ed25519.
 * Stateless and thread-safe.
 */
public final class Checkpoint {
  private Checkpoint() {}

  /** The checkpoint body for a tree. */
  public static String body(String origin, long size, byte[] root) {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  /** The signed note of a body. */
  public static String sign(String body, Ed25519Key key) {
    byte[] sig = key.sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] blob =
        ByteBuffer.allocate(68).put(keyHash(key.name(), key.publicKey())).put(sig).array();
    return body + "\n\u2014 " + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /** The 4-byte signed-note key hash of an Ed25519 key. */
  public static byte[] keyHash(String name, byte[] publicKey) {
    MessageDigest md = Hashes.sha256();
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update(new byte[] {0x0a, 0x01});
    return Arrays.copyOf(md.digest(publicKey), 4);
  }
}
