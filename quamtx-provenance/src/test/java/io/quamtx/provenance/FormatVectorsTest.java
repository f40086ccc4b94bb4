package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.ChainState;
import io.quamtx.provenance.internal.Checkpoint;
import io.quamtx.provenance.internal.Ed25519Key;
import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.Keyring;
import io.quamtx.provenance.internal.MerkleTree;
import io.quamtx.provenance.internal.Records;
import io.quamtx.provenance.internal.SegmentStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of docs/FORMAT.md section 13, re-derived with the library's own code, and
 * checked to appear verbatim in the document (an independent Python implementation of the document
 * produced them first).
 */
class FormatVectorsTest {
  private static final Ed25519Key KEY =
      Ed25519Key.fromSeed(
          Hashes.unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  private static String doc;

  @BeforeAll
  static void readDocument() throws Exception {
    Path p = Path.of(System.getProperty("user.dir")).resolve("../docs/FORMAT.md");
    doc = Files.readString(p, StandardCharsets.UTF_8);
  }

  private static void inDoc(String value) {
    assertTrue(doc.contains(value), "docs/FORMAT.md does not show " + value);
  }

  static Map<String, Object> genesis() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("v", 1L);
    g.put("type", "genesis");
    g.put("seq", 0L);
    g.put("timestamp", "2026-12-04T12:00:00.000Z");
    g.put("log_name", "quamtx");
    g.put("hash", "sha256");
    g.put("canonicalization", "jcs-rfc8785");
    g.put("chain_hash_rule", "sha256(0x00 || jcs(record))");
    g.put("keyset", Map.of("keys", List.of(Keyring.entryOf(KEY, "2026-12-04T12:00:00.000Z"))));
    g.put("nonce", "00112233445566778899aabbccddeeff");
    g.put("previous_hash", Records.ZERO_HASH);
    g.put("signed_by", KEY.name());
    return g;
  }

  @Test
  void keyIdentifiers() {
    assertEquals("ffc4c54ee64573f1", KEY.keyId());
    assertEquals("895c4f5c", Hashes.hex(Checkpoint.keyHash(KEY.name(), KEY.publicKey())));
    inDoc("key_id            " + KEY.keyId());
    inDoc("note key hash     895c4f5c");
  }

  @Test
  void genesisAndDrawRecordsCheckpointAndProof() {
    Map<String, Object> g = genesis();
    String gJcs = Jcs.canonicalString(g);
    inDoc("    " + gJcs + "\n");
    byte[] gh = Records.chainHash(g);
    inDoc("chain_hash        " + Hashes.text(gh));
    inDoc("signature         " + b64(KEY.sign(Records.signedBytes(gh))));
    ChainState chain = new ChainState(false);
    chain.setLogId(gh);
    inDoc("log_id            " + chain.logId());

    String pid = ProvenanceId.format(1, chain.logIdBytes(), Hashes.unhex("0102030405060708"));
    inDoc("provenance_id     " + pid);
    byte[] output = new byte[32];
    for (int i = 0; i < 32; i++) {
      output[i] = (byte) i;
    }
    byte[] nonce = new byte[32];
    java.util.Arrays.fill(nonce, (byte) 0x42);
    String commitment = Hashes.text(Records.commitment(chain.logId(), 1, nonce, output));
    inDoc("output_commitment " + commitment);

    Map<String, Object> d = draw(chain.logId(), pid, commitment, Hashes.text(gh));
    inDoc("    " + Jcs.canonicalString(d) + "\n");
    byte[] dh = Records.chainHash(d);
    byte[] sig = KEY.sign(Records.signedBytes(dh));
    inDoc("chain_hash        " + Hashes.text(dh));
    inDoc("signature         " + b64(sig));
    byte[] entry = Records.entry(d, dh, sig, null);
    assertArrayEquals(entry, Records.entryFromCanonical(Jcs.canonicalize(d), dh, sig, null));
    assertArrayEquals(
        Records.entry(d, dh, null, sig),
        Records.entryFromCanonical(Jcs.canonicalize(d), dh, null, sig));
    inDoc(
        String.format(
            "frame header      %08x %08x   (%d-byte entry",
            entry.length, SegmentStore.crc(entry), entry.length));

    MerkleTree tree = new MerkleTree();
    tree.append(gh);
    tree.append(dh);
    inDoc("root              " + Hashes.text(tree.root(2)));
    inDoc("inclusion of 1    [\"" + b64(tree.inclusionProof(1, 2).get(0)) + "\"]");
    String note = Checkpoint.sign(Checkpoint.body("quamtx/" + chain.logId(), 2, tree.root(2)), KEY);
    inDoc("    " + note.replace("\n", "\n    ").replace("\n    \n", "\n\n").stripTrailing());
  }

  private static Map<String, Object> draw(
      String logId, String pid, String commitment, String previous) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("v", 1L);
    d.put("type", "draw");
    d.put("log_id", logId);
    d.put("seq", 1L);
    d.put("provenance_id", pid);
    d.put("timestamp", "2026-12-04T12:00:01.250Z");
    d.put("source_class", "hardware");
    d.put("source_id", "hwrng:/dev/hwrng");
    d.put("health", "pass");
    d.put("bytes", 32L);
    d.put("min_entropy_per_byte", 0.95);
    d.put("min_entropy_basis", "sp800-90b/example");
    d.put("billing", Map.of("weight", 1.0, "units", 32.0));
    d.put("output_commitment", commitment);
    d.put("durability", "fsync");
    d.put("previous_hash", previous);
    d.put("signed_by", KEY.name());
    return d;
  }

  @Test
  void crc32cCheckValue() {
    assertEquals(0xE3069283, SegmentStore.crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    inDoc("0xE3069283");
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
