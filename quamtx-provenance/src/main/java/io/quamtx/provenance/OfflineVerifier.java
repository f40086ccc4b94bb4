package io.quamtx.provenance;

import io.quamtx.provenance.internal.Checkpoint;
import io.quamtx.provenance.internal.EcdsaP256;
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
  private final Map<String, String[]> windows;
  private final Map<String, SignatureAlgorithm> algorithms;
  private final Map<String, Long> compromisedFrom;

  /** The outcome of one check: ok, or the reason it failed. */
  public record Check(boolean ok, String reason) {
    static final Check OK = new Check(true, "ok");

    static Check fail(String reason) {
      return new Check(false, reason);
    }
  }

  private OfflineVerifier(
      Map<String, byte[]> keys,
      Map<String, String[]> windows,
      Map<String, SignatureAlgorithm> algorithms,
      Map<String, Long> compromisedFrom) {
    this.keys = Map.copyOf(keys);
    this.windows = Map.copyOf(windows);
    this.algorithms = Map.copyOf(algorithms);
    this.compromisedFrom = Map.copyOf(compromisedFrom);
  }

  /**
   * A verifier trusting the keys of a keyset file ({@code keys/keyset.json}: {@code {"keys":
   * [{"name", "alg", "public_key" (base64), "valid_from", "valid_to", "compromised"}]}}). A key
   * marked {@code "compromised": {"since_seq": S, ...}} is not trusted for records at or after S,
   * nor for checkpoints of more than S records.
   *
   * @throws IllegalArgumentException when the text is not such a keyset, or names an unknown
   *     algorithm
   */
  @SuppressWarnings("unchecked")
  public static OfflineVerifier trusting(String keysetJson) {
    Map<String, byte[]> keys = new HashMap<>();
    Map<String, String[]> windows = new HashMap<>();
    Map<String, SignatureAlgorithm> algorithms = new HashMap<>();
    Map<String, Long> compromisedFrom = new HashMap<>();
    Object list = Json.parseObject(keysetJson).get("keys");
    if (!(list instanceof List)) {
      throw new IllegalArgumentException("keyset has no \"keys\" array");
    }
    for (Object o : (List<Object>) list) {
      Map<String, Object> k = (Map<String, Object>) o;
      String name = (String) k.get("name");
      keys.put(name, Base64.getDecoder().decode((String) k.get("public_key")));
      windows.put(name, new String[] {(String) k.get("valid_from"), (String) k.get("valid_to")});
      algorithms.put(name, SignatureAlgorithm.fromLabel(k.get("alg")));
      if (k.get("compromised") instanceof Map<?, ?> d && d.get("since_seq") instanceof Number n) {
        compromisedFrom.put(name, n.longValue());
      }
    }
    return new OfflineVerifier(keys, windows, algorithms, compromisedFrom);
  }

  /**
   * Why a record at {@code seq} signed by {@code name} is untrusted because the key was declared
   * compromised from there, or null.
   */
  String compromiseProblem(Object name, long seq) {
    Long from = compromisedFrom.get(String.valueOf(name));
    return from == null || seq < from
        ? null
        : "untrusted: record "
            + seq
            + " is signed by "
            + name
            + ", compromised from record "
            + from;
  }

  /** A key rotation whose new key (its cosigner) is trusted at that record. */
  @SuppressWarnings("unchecked")
  boolean cosignedByTrustedKey(Map<String, Object> record, long seq) {
    return "key_rotation".equals(record.get("type"))
        && record.get("new_key") instanceof Map<?, ?> next
        && compromiseProblem(next.get("name"), seq) == null;
  }

  /** Verifies with the named trusted key under its algorithm; false for an unknown key. */
  private boolean verifyWith(String name, byte[] message, byte[] signature) {
    byte[] pk = keys.get(name);
    if (pk == null) {
      return false;
    }
    return algorithms.get(name) == SignatureAlgorithm.ECDSA_P256
        ? EcdsaP256.verify(pk, message, signature)
        : verifyEd25519(pk, message, signature);
  }

  /**
   * Command-line use with nothing but the JDK: {@code java -cp quamtx-provenance.jar
   * io.quamtx.provenance.OfflineVerifier AUDIT.jsonl KEYSET.json}. Prints {@code ok} and exits 0,
   * or prints the first failing line and exits 1; exits 2 on bad arguments.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length != 2) {
      System.err.println("usage: OfflineVerifier AUDIT.jsonl KEYSET.json");
      System.exit(2);
    }
    OfflineVerifier v = trusting(java.nio.file.Files.readString(java.nio.file.Path.of(args[1])));
    ReplayReport r = v.replay(java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[0])));
    System.out.println(
        r.ok()
            ? "ok: " + r.entries() + " records verified"
            : "line " + r.failedLine() + ": " + r.reason());
    System.exit(r.ok() ? 0 : 1);
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
    if (!keys.containsKey(String.valueOf(signedBy))) {
      return Check.fail("signed_by " + signedBy + " is not a trusted key");
    }
    if (signature == null) {
      // Unsigned records (asynchronous ones, or logs that sign checkpoints only) are vouched for
      // by their inclusion proof under a signed checkpoint, which every caller must check.
      return Check.OK;
    }
    if (!(signature instanceof String)) {
      return Check.fail("signature is not a string");
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
    return verifyWith(String.valueOf(signedBy), msg, sig)
        ? Check.OK
        : Check.fail("signature does not verify under " + signedBy);
  }

  /**
   * Checks a C2SP signed-note checkpoint: at least one signature line by a trusted key verifies
   * over the body (Ed25519, type 0x01, or ECDSA P-256, type 0x02; docs/FORMAT.md section 10). A
   * signature by a key declared compromised from record S counts only for a checkpoint of at most S
   * records. Returns the parsed body on success.
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
    CheckpointBody parsed = parseBody(lines);
    boolean compromisedOnly = false;
    for (String sigLine : note.substring(split + 2).split("\n")) {
      String signer = signatureLineSigner(body, sigLine);
      if (signer != null && parsed.ok() && compromiseProblem(signer, parsed.size() - 1) != null) {
        compromisedOnly = true;
      } else if (signer != null) {
        return parsed;
      }
    }
    return CheckpointBody.failed(
        compromisedOnly
            ? "untrusted: the checkpoint is signed only by a key compromised before its size"
            : "no signature on the checkpoint verifies under a trusted key");
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

  /** The name of the trusted key whose valid signature this line is, or null. */
  private String signatureLineSigner(String body, String line) {
    if (!line.startsWith("\u2014 ")) {
      return null;
    }
    String[] parts = line.substring(2).split(" ");
    byte[] pk = parts.length == 2 ? keys.get(parts[0]) : null;
    if (pk == null) {
      return null;
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return null;
    }
    SignatureAlgorithm alg = algorithms.get(parts[0]);
    boolean ok =
        blob.length > 4
            && Arrays.equals(Arrays.copyOf(blob, 4), Checkpoint.keyHash(parts[0], alg, pk))
            && verifyWith(
                parts[0],
                body.getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(blob, 4, blob.length));
    return ok ? parts[0] : null;
  }

  /** SHA-256(name || 0x0A || 0x01 || public key), first 4 bytes: the Ed25519 note key hash. */
  static byte[] noteKeyHash(String name, byte[] publicKey) {
    return Checkpoint.keyHash(name, SignatureAlgorithm.ED25519, publicKey);
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

  /** The outcome of {@link #replay}: ok, or the first line (1-based) that failed and why. */
  public record ReplayReport(boolean ok, int failedLine, String reason, int entries) {}

  /**
   * Checks an audit file ({@code quamtx-audit/v1}) line by line with only the trusted keys: the
   * header's checkpoint signature, every entry's chain hash, signature (and rotation cosignature),
   * key validity window, sequence, link and inclusion proof, and the signed manifest over all
   * lines.
   */
  public ReplayReport replay(List<String> lines) {
    if (lines.isEmpty()) {
      return new ReplayReport(false, 1, "the file is empty", 0);
    }
    Replay r = new Replay(this);
    for (int i = 0; i < lines.size(); i++) {
      String why = r.line(i, lines);
      if (why != null) {
        return new ReplayReport(false, i + 1, why, r.entries);
      }
    }
    return r.done
        ? new ReplayReport(true, 0, "ok", r.entries)
        : new ReplayReport(
            false, lines.size() + 1, "the signed manifest line is missing", r.entries);
  }

  /** Replay state, one instance per file. */
  private static final class Replay {
    private final OfflineVerifier v;
    private CheckpointBody checkpoint;
    private String logId;
    private String target;
    private boolean targetSeen;
    private byte[] prevHash;
    private long prevSeq = -1;
    private int entries;
    private boolean done;

    Replay(OfflineVerifier v) {
      this.v = v;
    }

    String line(int i, List<String> lines) {
      if (done) {
        return "line after the manifest";
      }
      Map<String, Object> m;
      try {
        m = Json.parseObject(lines.get(i));
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
      if (!Jcs.canonicalString(m).equals(lines.get(i))) {
        return "line is not in canonical (JCS) form";
      }
      Object type = m.get("type");
      if (i == 0) {
        return "header".equals(type) ? header(m) : "first line is not the header";
      }
      if ("manifest".equals(type)) {
        return manifest(m, lines.subList(0, i));
      }
      return "entry".equals(type) ? entry(m) : "unknown line type " + type;
    }

    @SuppressWarnings("unchecked")
    private String header(Map<String, Object> h) {
      if (!"quamtx-audit/v1".equals(h.get("format"))) {
        return "unknown format " + h.get("format");
      }
      logId = (String) h.get("log_id");
      target = (String) h.get("target");
      Map<String, Object> cp = (Map<String, Object>) h.get("checkpoint");
      checkpoint = v.checkCheckpoint((String) cp.get("note"));
      if (!checkpoint.ok()) {
        return checkpoint.reason();
      }
      if (!Long.valueOf(checkpoint.size()).equals(cp.get("size"))) {
        return "header says checkpoint size " + cp.get("size") + ", its note " + checkpoint.size();
      }
      return checkpoint.origin().equals("quamtx/" + logId)
          ? null
          : "checkpoint origin " + checkpoint.origin() + " is not log " + logId;
    }

    @SuppressWarnings("unchecked")
    private String entry(Map<String, Object> line) {
      Map<String, Object> entry = (Map<String, Object>) line.get("entry");
      Check c = v.checkEntry(entry);
      if (!c.ok()) {
        return c.reason();
      }
      Map<String, Object> record = (Map<String, Object>) entry.get("record");
      String why = place(line, record);
      if (why == null) {
        why = v.windowProblem(record);
      }
      if (why == null && !v.cosignedByTrustedKey(record, prevSeq)) {
        why = v.compromiseProblem(record.get("signed_by"), prevSeq);
      }
      if (why == null) {
        why = cosignatureProblem(entry, record);
      }
      if (why != null) {
        return why;
      }
      byte[] h = chainHashOf(entry);
      Check inc = checkInclusion(h, (Map<String, Object>) line.get("inclusion"), checkpoint);
      if (!inc.ok()) {
        return inc.reason();
      }
      prevHash = h;
      entries++;
      targetSeen |= target != null && target.equals(record.get("provenance_id"));
      return null;
    }

    private String place(Map<String, Object> line, Map<String, Object> record) {
      long seq = ((Number) record.get("seq")).longValue();
      if (!Long.valueOf(seq).equals(line.get("seq"))) {
        return "line seq " + line.get("seq") + " is not the record's seq " + seq;
      }
      if (seq > 0 && !String.valueOf(logId).equals(record.get("log_id"))) {
        return "record belongs to log " + record.get("log_id") + ", not " + logId;
      }
      if (prevSeq >= 0 && seq != prevSeq + 1) {
        return "seq " + seq + " does not follow " + prevSeq;
      }
      if (prevHash != null && !Hashes.text(prevHash).equals(record.get("previous_hash"))) {
        return "previous_hash does not link to the line before";
      }
      prevSeq = seq;
      return null;
    }

    @SuppressWarnings("unchecked")
    private static String cosignatureProblem(
        Map<String, Object> entry, Map<String, Object> record) {
      if (!"key_rotation".equals(record.get("type"))) {
        return null;
      }
      Map<String, Object> next = (Map<String, Object>) record.get("new_key");
      byte[] pk = Base64.getDecoder().decode((String) next.get("public_key"));
      SignatureAlgorithm alg = SignatureAlgorithm.fromLabel(next.get("alg"));
      Object cosig = entry.get("cosignature");
      byte[] msg =
          ByteBuffer.allocate(RECORD_SIG_CONTEXT.length + 32)
              .put(RECORD_SIG_CONTEXT)
              .put(chainHashOf(entry))
              .array();
      byte[] sig = cosig instanceof String c ? Base64.getDecoder().decode(c) : new byte[0];
      boolean ok =
          alg == SignatureAlgorithm.ECDSA_P256
              ? EcdsaP256.verify(pk, msg, sig)
              : verifyEd25519(pk, msg, sig);
      return ok ? null : "key rotation is not cosigned by its new key " + next.get("name");
    }

    private String manifest(Map<String, Object> m, List<String> before) {
      done = true;
      if (!Long.valueOf(before.size()).equals(m.get("lines"))) {
        return "manifest counts " + m.get("lines") + " lines, the file has " + before.size();
      }
      byte[] digest = AuditDigest.of(before);
      if (!Hashes.text(digest).equals(m.get("sha256"))) {
        return "manifest digest does not match the lines before it";
      }
      boolean ok =
          m.get("signature") instanceof String
              && v.verifyWith(
                  String.valueOf(m.get("signed_by")),
                  AuditDigest.signedBytes(digest),
                  Base64.getDecoder().decode((String) m.get("signature")));
      if (!ok) {
        return "manifest signature does not verify under a trusted key";
      }
      return targetSeen ? null : "the target record " + target + " is not in the file";
    }
  }

  /** A record signed by a key outside that key's validity window, or null when fine. */
  String windowProblem(Map<String, Object> record) {
    if (!(record.get("signed_by") instanceof String)
        || !(record.get("timestamp") instanceof String)) {
      return null;
    }
    String[] w = windows.get((String) record.get("signed_by"));
    String ts = (String) record.get("timestamp");
    if (w == null
        || (w[0] != null && ts.compareTo(w[0]) < 0)
        || (w[1] != null && ts.compareTo(w[1]) > 0)) {
      return "record time " + ts + " is outside the validity window of " + record.get("signed_by");
    }
    return null;
  }

  /** The manifest digest, with no dependency beyond the JDK. */
  private static final class AuditDigest {
    private static final byte[] CONTEXT = "quamtx/audit/v1\n".getBytes(StandardCharsets.US_ASCII);

    static byte[] of(List<String> lines) {
      MessageDigest md = Hashes.sha256();
      for (String line : lines) {
        md.update(line.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return md.digest();
    }

    static byte[] signedBytes(byte[] digest) {
      return ByteBuffer.allocate(CONTEXT.length + 32).put(CONTEXT).put(digest).array();
    }
  }
}
