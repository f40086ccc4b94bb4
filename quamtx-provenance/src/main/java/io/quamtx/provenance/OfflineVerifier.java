package io.quamtx.provenance;

import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.Json;
import io.quamtx.provenance.internal.MerkleProofs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks provenance records, proofs, checkpoints and audit files with nothing but the JDK and the
 * public keys: no BouncyCastle, no log, no network. An auditor can copy this class's jar and {@code
 * docs/FORMAT.md} and check a draw years later.
 *
 * <p>Ed25519 goes through the JDK's own provider, after checking the signature is exactly 64 bytes:
 * the JDK 17 provider accepts a valid signature followed by a stray byte (Wycheproof tcId 37),
 * which would make signatures malleable.
 *
 * <p>Immutable and thread-safe. Methods return a {@link Check} naming the first failure instead of
 * throwing, so a report can list every line.
 */
public final class OfflineVerifier {
  private static final byte[] ED25519_SPKI_PREFIX = Hashes.unhex("302a300506032b6570032100");
  private static final byte[] RECORD_SIG_CONTEXT =
      "quamtx/record/v1\n".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, byte[]> keys;

  /** The outcome of one check: ok, or the reason it failed. */
  public record Check(boolean ok, String reason) {
    static final Check OK = new Check(true, "ok");

    static Check fail(String reason) {
      return new Check(false, reason);
    }
  }

  private OfflineVerifier(Map<String, byte[]> keys) {
    this.keys = keys;
  }

  /**
   * A verifier trusting the keys of a keyset file ({@code keys/keyset.json}: {@code {"keys":
   * [{"name", "public_key" (base64), ...}]}}).
   *
   * @throws IllegalArgumentException when the text is not such a keyset
   */
  @SuppressWarnings("unchecked")
  public static OfflineVerifier trusting(String keysetJson) {
    Map<String, byte[]> keys = new HashMap<>();
    Object list = Json.parseObject(keysetJson).get("keys");
    if (!(list instanceof List)) {
      throw new IllegalArgumentException("keyset has no \"keys\" array");
    }
    for (Object o : (List<Object>) list) {
      Map<String, Object> k = (Map<String, Object>) o;
      keys.put((String) k.get("name"), Base64.getDecoder().decode((String) k.get("public_key")));
    }
    return new OfflineVerifier(Map.copyOf(keys));
  }

  /** Ed25519 through the JDK provider; false for any signature that is not exactly 64 bytes. */
  public static boolean verifyEd25519(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != 32 || signature.length != 64) {
      return false;
    }
    try {
      byte[] spki = ByteBuffer.allocate(44).put(ED25519_SPKI_PREFIX).put(publicKey).array();
      PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(pk);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks a stored entry ({@code {"chain_hash", "record", "signature"}}, as in segment payloads
   * and audit files): the chain hash re-derived from the canonical record, and the signature under
   * the key the record names.
   */
  @SuppressWarnings("unchecked")
  public Check checkEntry(Map<String, Object> entry) {
    Object rec = entry.get("record");
    if (!(rec instanceof Map)) {
      return Check.fail("entry has no record object");
    }
    Map<String, Object> record = (Map<String, Object>) rec;
    byte[] h = Hashes.leafHash(Jcs.canonicalize(record));
    if (!Hashes.text(h).equals(entry.get("chain_hash"))) {
      return Check.fail(
          "chain_hash " + entry.get("chain_hash") + " is not the record's hash " + Hashes.text(h));
    }
    return checkSignature(h, record.get("signed_by"), entry.get("signature"));
  }

  /** Checks a record signature over a chain hash. */
  public Check checkSignature(byte[] chainHash, Object signedBy, Object signature) {
    byte[] pk = keys.get(String.valueOf(signedBy));
    if (pk == null) {
      return Check.fail("signed_by " + signedBy + " is not a trusted key");
    }
    if (!(signature instanceof String)) {
      return Check.fail("record carries no signature");
    }
    byte[] msg =
        ByteBuffer.allocate(RECORD_SIG_CONTEXT.length + 32)
            .put(RECORD_SIG_CONTEXT)
            .put(chainHash)
            .array();
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode((String) signature);
    } catch (IllegalArgumentException e) {
      return Check.fail("signature is not base64");
    }
    return verifyEd25519(pk, msg, sig)
        ? Check.OK
        : Check.fail("signature does not verify under " + signedBy);
  }

  /**
   * Checks a C2SP signed-note checkpoint: at least one signature line by a trusted key verifies
   * over the body. Returns the parsed body on success.
   */
  public CheckpointBody checkCheckpoint(String note) {
    int split = note.indexOf("\n\n");
    if (split < 0) {
      return CheckpointBody.failed("checkpoint has no signature block");
    }
    String body = note.substring(0, split + 1);
    String[] lines = body.split("\n");
    if (lines.length < 3) {
      return CheckpointBody.failed("checkpoint body has fewer than 3 lines");
    }
    for (String sigLine : note.substring(split + 2).split("\n")) {
      if (signatureLineVerifies(body, sigLine)) {
        return parseBody(lines);
      }
    }
    return CheckpointBody.failed("no signature on the checkpoint verifies under a trusted key");
  }

  private static CheckpointBody parseBody(String[] lines) {
    try {
      long size = Long.parseLong(lines[1]);
      byte[] root = Base64.getDecoder().decode(lines[2]);
      return new CheckpointBody(true, "ok", lines[0], size, root);
    } catch (IllegalArgumentException e) {
      return CheckpointBody.failed("checkpoint body is malformed: " + e.getMessage());
    }
  }

  private boolean signatureLineVerifies(String body, String line) {
    if (!line.startsWith("\u2014 ")) {
      return false;
    }
    String[] parts = line.substring(2).split(" ");
    byte[] pk = parts.length == 2 ? keys.get(parts[0]) : null;
    if (pk == null) {
      return false;
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return blob.length == 68
        && Arrays.equals(Arrays.copyOf(blob, 4), noteKeyHash(parts[0], pk))
        && verifyEd25519(
            pk, body.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, 68));
  }

  /** SHA-256(name || 0x0A || 0x01 || public key), first 4 bytes: the signed-note key hash. */
  static byte[] noteKeyHash(String name, byte[] publicKey) {
    MessageDigest md = Hashes.sha256();
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update(new byte[] {0x0a, 0x01});
    return Arrays.copyOf(md.digest(publicKey), 4);
  }

  /** A checkpoint body once its signature checked out (or why it did not). */
  public record CheckpointBody(boolean ok, String reason, String origin, long size, byte[] root) {
    static CheckpointBody failed(String reason) {
      return new CheckpointBody(false, reason, null, -1, null);
    }
  }

  /**
   * Checks an inclusion proof ({@code {"leaf_index", "tree_size", "hashes": [base64...]}}) of a
   * chain hash against a verified checkpoint.
   */
  @SuppressWarnings("unchecked")
  public static Check checkInclusion(
      byte[] chainHash, Map<String, Object> proof, CheckpointBody checkpoint) {
    long index = ((Number) proof.get("leaf_index")).longValue();
    long size = ((Number) proof.get("tree_size")).longValue();
    if (size != checkpoint.size()) {
      return Check.fail("proof is for tree size " + size + ", checkpoint has " + checkpoint.size());
    }
    List<byte[]> hashes = new ArrayList<>();
    for (Object o : (List<Object>) proof.get("hashes")) {
      hashes.add(Base64.getDecoder().decode((String) o));
    }
    return MerkleProofs.verifyInclusion(index, size, chainHash, hashes, checkpoint.root())
        ? Check.OK
        : Check.fail("inclusion proof of leaf " + index + " does not lead to the checkpoint root");
  }

  /** The chain hash text of an entry's record, re-derived. */
  @SuppressWarnings("unchecked")
  static byte[] chainHashOf(Map<String, Object> entry) {
    return Hashes.leafHash(Jcs.canonicalize((Map<String, Object>) entry.get("record")));
  }
}
