package io.quamtx.provenance;

import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.Json;
import io.quamtx.provenance.internal.MerkleProofs;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a log only grew since a checkpoint an auditor kept: the RFC 9162 section 2.1.4
 * consistency proof from that earlier tree to the tree of the log's newest signed checkpoint, and
 * its verdict. Immutable and thread-safe.
 *
 * @param consistent true when the earlier checkpoint is signed by a trusted key of this log and the
 *     proof leads from its root to the newest checkpoint's root
 * @param reason {@code ok}, or why not, in words
 * @param fromSize the earlier tree size
 * @param fromRoot the earlier root, base64 (as the auditor's checkpoint states it)
 * @param toSize the newest checkpoint's tree size, or -1 when the log has none
 * @param toCheckpoint the newest signed checkpoint note, or null
 * @param proof the consistency proof, base64 hashes (empty when none could be made)
 */
public record ConsistencyReport(
    boolean consistent,
    String reason,
    long fromSize,
    String fromRoot,
    long toSize,
    String toCheckpoint,
    List<String> proof) {

  /**
   * Checks the log against a checkpoint note the auditor kept (C2SP signed note, as {@code quamtx
   * verify} prints it under {@code "checkpoint"}).
   *
   * @throws IllegalArgumentException when the text is not a checkpoint note, or is one of another
   *     log (its origin differs)
   */
  public static ConsistencyReport since(ProvenanceLog log, String note) {
    String text = noteOf(note);
    String[] lines = text.split("\n", -1);
    if (lines.length < 5 || !text.contains("\n\n")) {
      throw new IllegalArgumentException("not a signed checkpoint note (origin, size, root, sigs)");
    }
    if (!lines[0].equals(log.origin())) {
      throw new IllegalArgumentException(
          "checkpoint is of " + lines[0] + ", not of this log (" + log.origin() + ")");
    }
    OfflineVerifier.CheckpointBody body =
        OfflineVerifier.trusting(Jcs.canonicalString(log.keyset())).checkCheckpoint(text);
    if (!body.ok()) {
      return failed(body.reason(), parseSize(lines[1]), lines[2], log);
    }
    return check(log, body.size(), body.root());
  }

  /**
   * Checks the log against its own tree at an earlier size: the proof from the log's root at that
   * size. Without a root kept by the auditor this shows the proof, not a fork; a stored checkpoint
   * of that size is used when there is one.
   *
   * @throws IllegalArgumentException when the size is below 1
   */
  public static ConsistencyReport sinceSize(ProvenanceLog log, long size) {
    if (size < 1) {
      throw new IllegalArgumentException("tree size must be >= 1, got " + size);
    }
    for (SignedCheckpoint cp : log.checkpoints()) {
      if (cp.size() == size) {
        return since(log, cp.note());
      }
    }
    SignedCheckpoint newest = newest(log);
    if (newest == null || size > newest.size()) {
      return failed(
          "the log's newest checkpoint covers fewer than " + size + " records", size, null, log);
    }
    return check(log, size, log.treeRoot(size));
  }

  private static ConsistencyReport check(ProvenanceLog log, long size, byte[] root) {
    SignedCheckpoint newest = newest(log);
    String rootText = Base64.getEncoder().encodeToString(root);
    if (newest == null || newest.size() < size) {
      return failed(
          "the checkpoint covers "
              + size
              + " records but the log's newest checkpoint covers "
              + (newest == null ? 0 : newest.size())
              + ": the log was rolled back or forked",
          size,
          rootText,
          log);
    }
    OfflineVerifier.CheckpointBody to =
        OfflineVerifier.trusting(Jcs.canonicalString(log.keyset())).checkCheckpoint(newest.note());
    if (!to.ok()) {
      return failed("the log's newest checkpoint: " + to.reason(), size, rootText, log);
    }
    List<String> proof = log.consistencyProof(size, newest.size());
    boolean ok = MerkleProofs.verifyConsistency(size, to.size(), root, to.root(), decode(proof));
    String reason = ok ? "ok" : "the proof does not lead from the checkpoint's root: forked log";
    return new ConsistencyReport(ok, reason, size, rootText, newest.size(), newest.note(), proof);
  }

  private static ConsistencyReport failed(
      String reason, long size, String root, ProvenanceLog log) {
    SignedCheckpoint newest = newest(log);
    return new ConsistencyReport(
        false,
        reason,
        size,
        root,
        newest == null ? -1 : newest.size(),
        newest == null ? null : newest.note(),
        List.of());
  }

  private static SignedCheckpoint newest(ProvenanceLog log) {
    List<SignedCheckpoint> all = log.checkpoints();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The note itself, or the {@code "note"}/{@code "checkpoint"} member of a JSON object. */
  private static String noteOf(String text) {
    String t = text.strip();
    if (!t.startsWith("{")) {
      return t + "\n";
    }
    Map<String, Object> m = Json.parseObject(t);
    Object note = m.containsKey("note") ? m.get("note") : m.get("checkpoint");
    if (!(note instanceof String s)) {
      throw new IllegalArgumentException("JSON checkpoint file has no \"note\" or \"checkpoint\"");
    }
    return s;
  }

  private static long parseSize(String line) {
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size '" + line + "' is not a number", e);
    }
  }

  private static List<byte[]> decode(List<String> proof) {
    List<byte[]> out = new ArrayList<>();
    for (String h : proof) {
      out.add(Base64.getDecoder().decode(h));
    }
    return out;
  }

  /** {@code consistent}, {@code reason}, {@code from}, {@code to} and {@code proof}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("consistent", consistent);
    m.put("reason", reason);
    m.put("from", Map.of("size", fromSize, "root", fromRoot == null ? "" : fromRoot));
    Map<String, Object> to = new LinkedHashMap<>();
    to.put("size", toSize);
    to.put("checkpoint", toCheckpoint);
    m.put("to", to);
    m.put("proof", proof);
    return m;
  }
}
