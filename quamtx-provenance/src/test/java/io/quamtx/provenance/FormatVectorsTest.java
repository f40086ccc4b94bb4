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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.spec.ECPoint;
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
    assertEquals(
        "895c4f5c", Hashes.hex(Checkpoint.keyHash(KEY.name(), KEY.algorithm(), KEY.publicKey())));
    inDoc("key_id            " + KEY.keyId());
    inDoc("note key hash     895c4f5c");
  }

  @Test
  void genesisAndDrawRecordsCheckpointAndProof() throws Exception {
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

  /** RFC 6979 A.2.5: the P-256 private key x, and its public key as DER SubjectPublicKeyInfo. */
  private static final BigInteger P256_X =
      new BigInteger("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", 16);

  private static byte[] p256Spki() throws Exception {
    java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
    p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.spec.ECParameterSpec spec =
        p.getParameterSpec(java.security.spec.ECParameterSpec.class);
    ECPoint w =
        new ECPoint(
            new BigInteger("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6", 16),
            new BigInteger("7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", 16));
    return java.security.KeyFactory.getInstance("EC")
        .generatePublic(new java.security.spec.ECPublicKeySpec(w, spec))
        .getEncoded();
  }

  /** ECDSA P-256 with the RFC 6979 nonce (BouncyCastle), so the vector is reproducible. */
  private static byte[] rfc6979Sign(byte[] message) throws Exception {
    org.bouncycastle.asn1.x9.X9ECParameters x9 =
        org.bouncycastle.asn1.nist.NISTNamedCurves.getByName("P-256");
    org.bouncycastle.crypto.params.ECDomainParameters dom =
        new org.bouncycastle.crypto.params.ECDomainParameters(
            x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    org.bouncycastle.crypto.signers.ECDSASigner signer =
        new org.bouncycastle.crypto.signers.ECDSASigner(
            new org.bouncycastle.crypto.signers.HMacDSAKCalculator(
                new org.bouncycastle.crypto.digests.SHA256Digest()));
    signer.init(true, new org.bouncycastle.crypto.params.ECPrivateKeyParameters(P256_X, dom));
    BigInteger[] rs = signer.generateSignature(Hashes.sha256().digest(message));
    return org.bouncycastle.crypto.signers.StandardDSAEncoding.INSTANCE.encode(
        x9.getN(), rs[0], rs[1]);
  }

  @Test
  void ecdsaKeyCheckpointAndCompromiseRecord() throws Exception {
    byte[] spki = p256Spki();
    String keyId = Ed25519Key.keyIdOf(spki);
    String name = SignatureAlgorithm.ECDSA_P256.namePrefix() + keyId;
    byte[] noteHash = Checkpoint.keyHash(name, SignatureAlgorithm.ECDSA_P256, spki);
    inDoc("ecdsa public key  " + b64(spki));
    inDoc("ecdsa key name    " + name);
    inDoc("ecdsa note hash   " + Hashes.hex(noteHash));

    Map<String, Object> g = genesis();
    ChainState chain = new ChainState(false);
    chain.setLogId(Records.chainHash(g));
    // The two-record tree of the Ed25519 vectors above, and its draw record's chain hash.
    byte[] root = Hashes.unhex("59c860df82e02b93704d6bf7635e6786c75a2f98c90f1922fae8da409bc15172");
    String drawHash = "sha256:2106ac5a3a98d3b6048c15e668e184904d5bb0b0e55dc6a3b3ceb1259f7be2b3";
    String body = Checkpoint.body("quamtx/" + chain.logId(), 2, root);
    byte[] der = rfc6979Sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] blob = java.nio.ByteBuffer.allocate(4 + der.length).put(noteHash).put(der).array();
    String note = body + "\n\u2014 " + name + " " + b64(blob) + "\n";
    inDoc("    " + note.replace("\n", "\n    ").replace("\n    \n", "\n\n").stripTrailing());
    Map<String, Object> entry = Map.of("alg", "ecdsa-p256", "name", name, "public_key", b64(spki));
    String keyset = Jcs.canonicalString(Map.of("keys", List.of(entry)));
    assertTrue(OfflineVerifier.trusting(keyset).checkCheckpoint(note).ok());

    Map<String, Object> c = compromise(chain, name, drawHash);
    inDoc("    " + Jcs.canonicalString(c) + "\n");
    inDoc("compromise hash   " + Hashes.text(Records.chainHash(c)));
  }

  private static Map<String, Object> compromise(ChainState chain, String signer, String previous) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("v", 1L);
    c.put("type", "key_compromise");
    c.put("log_id", chain.logId());
    c.put("seq", 2L);
    c.put("provenance_id", ProvenanceId.format(2, chain.logIdBytes(), new byte[8]));
    c.put("timestamp", "2026-12-04T12:05:00.000Z");
    c.put("key", KEY.name());
    c.put("since_seq", 1L);
    c.put("since", "2026-12-04T12:00:01.250Z");
    c.put("reason", "key file copied off the host");
    c.put("previous_hash", previous);
    c.put("signed_by", signer);
    return c;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
