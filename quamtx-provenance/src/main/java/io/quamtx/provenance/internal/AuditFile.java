package io.quamtx.provenance.internal;

import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.Signer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit segment format ({@code quamtx-audit/v1}, docs/FORMAT.md section Audit file): JSONL,
 * every line JCS. Line 1 is the header (log id, origin, keyset, checkpoint), then one line per
 * record (the stored entry and its inclusion proof against the checkpoint), and last a manifest:
 * the SHA-256 of every line before it (each with its newline) signed with the log key over
 * "quamtx/audit/v1\n" || digest. Stateless and thread-safe.
 */
public final class AuditFile {
  /** Format name in the header. */
  public static final String FORMAT = "quamtx-audit/v1";

  private static final byte[] MANIFEST_CONTEXT =
      "quamtx/audit/v1\n".getBytes(StandardCharsets.US_ASCII);

  private AuditFile() {}

  /** The line of one record. */
  public static String entryLine(long seq, Map<String, Object> entry, Map<String, Object> proof) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "entry");
    m.put("seq", seq);
    m.put("entry", entry);
    m.put("inclusion", proof);
    return Jcs.canonicalString(m);
  }

  /** The header line. */
  public static String headerLine(Map<String, Object> fields) {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    m.put("type", "header");
    m.put("format", FORMAT);
    return Jcs.canonicalString(m);
  }

  /** Appends the signed manifest over {@code lines}. */
  public static List<String> withManifest(List<String> lines, Signer key)
      throws ProvenanceException {
    byte[] digest = digest(lines);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "manifest");
    m.put("lines", (long) lines.size());
    m.put("sha256", Hashes.text(digest));
    m.put("signed_by", key.name());
    m.put("signature", Base64.getEncoder().encodeToString(key.sign(signedBytes(digest))));
    List<String> out = new ArrayList<>(lines);
    out.add(Jcs.canonicalString(m));
    return out;
  }

  /** SHA-256 over each line's UTF-8 bytes followed by a newline. */
  public static byte[] digest(List<String> lines) {
    MessageDigest md = Hashes.sha256();
    for (String line : lines) {
      md.update(line.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
    }
    return md.digest();
  }

  /** The bytes a manifest signature covers. */
  public static byte[] signedBytes(byte[] digest) {
    return ByteBuffer.allocate(MANIFEST_CONTEXT.length + 32)
        .put(MANIFEST_CONTEXT)
        .put(digest)
        .array();
  }
}
