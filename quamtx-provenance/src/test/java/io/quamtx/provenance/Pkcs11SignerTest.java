package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.EcdsaP256;
import io.quamtx.provenance.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log signing with an ECDSA P-256 key inside a real SoftHSM2 token, through SunPKCS11. */
class Pkcs11SignerTest {
  @TempDir static Path tokenDir;
  private static SoftHsmToken token;

  @TempDir Path dir;

  @BeforeAll
  static void makeToken() throws Exception {
    token = SoftHsmToken.create(tokenDir);
    // Every key is made before this JVM first loads the library, so it sees them all.
    token.generateKey("hsm-a");
    token.generateKey("hsm-b");
    token.generateKey("hsm-c");
  }

  @Test
  void rotatesFromEd25519ToTheTokenAndBackAndEverythingVerifiesOffline() throws Exception {
    List<String> ids = new ArrayList<>();
    String hsm;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      drawInto(log, ids, 3);
      hsm = log.rotateKey(token.config("hsm-a"));
      assertTrue(hsm.startsWith("quamtx-hsm-"), hsm);
      drawInto(log, ids, 3);
      assertTrue(log.checkpoint().contains("\n\u2014 " + hsm + " "));
    }
    String ed;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(hsm, log.status().keyName());
      drawInto(log, ids, 2);
      ed = log.rotateKey();
      drawInto(log, ids, 2);
      for (String id : ids) {
        Verification v = log.verify(id).orElseThrow();
        assertTrue(v.valid(), id + ": " + v.reason());
      }
      assertEquals(hsm, log.record(5).get("signed_by"));
      assertEquals(ed, log.record(12).get("signed_by"));
      List<String> audit = log.audit(ids.get(4), 20, 20).orElseThrow();
      OfflineVerifier.ReplayReport r = trusted().replay(audit);
      assertTrue(r.ok(), r.reason() + " at line " + r.failedLine());
      assertEquals(log.status().records(), r.entries());
    }
    assertTrue(Fsck.check(dir).ok(), Fsck.check(dir).problems().toString());
  }

  @Test
  void theKeysetNamesTheAlgorithmAndTheTokenReferenceHoldsNoPin() throws Exception {
    String hsm;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      hsm = log.rotateKey(token.config("hsm-b"));
    }
    String keyset = Files.readString(dir.resolve("keys/keyset.json"));
    assertTrue(keyset.contains("\"alg\":\"ecdsa-p256\""), keyset);
    Path ref = dir.resolve("keys/" + hsm + ".pkcs11");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ref)));
    String text = Files.readString(ref);
    assertFalse(text.contains(SoftHsmToken.PIN), "the PIN must never be stored");
    assertTrue(text.contains("\"alias\":\"hsm-b\""), text);
  }

  @Test
  void aTokenCheckpointIsASignedNoteOfType2WithADerSignature() throws Exception {
    String note;
    byte[] spki;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      String hsm = log.rotateKey(token.config("hsm-c"));
      log.append(ProvenanceLogTest.draw(8));
      note = log.checkpoint();
      spki = Base64.getDecoder().decode(keyEntry(log, hsm).get("public_key").toString());
    }
    String line = note.substring(note.indexOf("\n\n") + 2).strip();
    byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
    byte[] keyHash = Arrays.copyOf(Hashes.sha256().digest(spki), 4);
    assertArrayEquals(keyHash, Arrays.copyOf(blob, 4));
    byte[] der = Arrays.copyOfRange(blob, 4, blob.length);
    assertEquals(0x30, der[0] & 0xff);
    String body = note.substring(0, note.indexOf("\n\n") + 1);
    assertTrue(EcdsaP256.verify(spki, body.getBytes(StandardCharsets.UTF_8), der));
    assertTrue(trusted().checkCheckpoint(note).ok());
    byte[] padded = Arrays.copyOf(der, der.length + 1);
    padded[1]++;
    assertFalse(EcdsaP256.verify(spki, body.getBytes(StandardCharsets.UTF_8), padded));
  }

  @Test
  void aTamperedTokenSignatureIsRejectedOffline() throws Exception {
    Map<String, Object> entry;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.rotateKey(token.config("hsm-a"));
      log.append(ProvenanceLogTest.draw(8));
      entry = log.entry(2);
    }
    assertTrue(trusted().checkEntry(entry).ok());
    byte[] sig = Base64.getDecoder().decode((String) entry.get("signature"));
    sig[sig.length - 1] ^= 1;
    Map<String, Object> bad = new LinkedHashMap<>(entry);
    bad.put("signature", Base64.getEncoder().encodeToString(sig));
    OfflineVerifier.Check c = trusted().checkEntry(bad);
    assertFalse(c.ok());
    assertTrue(c.reason().contains("does not verify"), c.reason());
  }

  @Test
  void tokenProblemsAreClearErrorsAndChangeNothing() throws Exception {
    Path wrongPin = dir.resolve("wrong-pin");
    Files.writeString(wrongPin, "0000\n");
    Files.setPosixFilePermissions(wrongPin, PosixFilePermissions.fromString("rw-------"));
    Path openPin = dir.resolve("open-pin");
    Files.writeString(openPin, SoftHsmToken.PIN + "\n");
    Files.setPosixFilePermissions(openPin, PosixFilePermissions.fromString("rw-r--r--"));
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      long size = log.status().records();
      Path cfg = token.providerConfig;
      // PKCS#11 logs a process in per token, so the wrong PIN goes to a token not yet logged in.
      Path spare = token.spareProviderConfig;
      assertMessage(log, Pkcs11Config.pinFromFile(spare, "hsm-a", wrongPin), "hsm-a");
      assertMessage(log, token.config("no-such-key"), "no-such-key");
      assertMessage(log, Pkcs11Config.pinFromFile(cfg, "hsm-a", openPin), "readable beyond");
      assertMessage(log, Pkcs11Config.pinFromEnv(cfg, "hsm-a", "QUAMTX_NO_SUCH_PIN_VAR"), "VAR");
      assertEquals(size, log.status().records());
      assertTrue(log.status().keyName().startsWith("quamtx-edge-"));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pkcs11Config(token.providerConfig, "a", "ENV", token.pinFile));
    assertThrows(
        IllegalArgumentException.class,
        () -> Pkcs11Config.pinFromEnv(token.providerConfig, " ", "E"));
  }

  @Test
  void aKeyAlreadyUsedByTheLogIsRefused() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.rotateKey(token.config("hsm-b"));
      log.rotateKey();
      ProvenanceException e =
          assertThrows(ProvenanceException.class, () -> log.rotateKey(token.config("hsm-b")));
      assertTrue(e.getMessage().contains("already in the keyset"), e.getMessage());
    }
  }

  private static void assertMessage(ProvenanceLog log, Pkcs11Config config, String part) {
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> log.rotateKey(config));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertFalse(e.getMessage().contains(SoftHsmToken.PIN), "the PIN must never be printed");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> keyEntry(ProvenanceLog log, String name) {
    for (Object o : (List<Object>) log.keyset().get("keys")) {
      Map<String, Object> k = (Map<String, Object>) o;
      if (name.equals(k.get("name"))) {
        return k;
      }
    }
    throw new AssertionError("no key " + name);
  }

  private static void drawInto(ProvenanceLog log, List<String> ids, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      ids.add(log.append(ProvenanceLogTest.draw(8 + i)).provenanceId());
    }
  }

  private OfflineVerifier trusted() throws Exception {
    return OfflineVerifier.trusting(Files.readString(dir.resolve("keys/keyset.json")));
  }
}
