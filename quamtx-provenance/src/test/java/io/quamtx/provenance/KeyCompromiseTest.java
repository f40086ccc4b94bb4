package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code key_compromise} record makes the compromised key's later records untrusted. */
class KeyCompromiseTest {
  /** No timed or counted checkpoints, so each test decides which checkpoints exist. */
  private static final LogOptions MANUAL =
      LogOptions.builder()
          .checkpointInterval(Duration.ofHours(1))
          .checkpointEveryRecords(1_000_000)
          .build();

  @TempDir Path dir;

  /**
   * Draws 1-3 and 4 by the first key with a checkpoint of size 4 between them, a rotation (5), the
   * declaration that the first key is compromised from record 2 (6), then draw 7 by the new key.
   */
  private List<String> compromisedFromRecord2() throws Exception {
    List<String> ids = new ArrayList<>();
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      String first = log.status().keyName();
      for (int i = 0; i < 3; i++) {
        ids.add(log.append(ProvenanceLogTest.draw(8)).provenanceId());
      }
      log.checkpoint();
      ids.add(log.append(ProvenanceLogTest.draw(8)).provenanceId());
      log.rotateKey();
      ids.add(log.declareCompromised(first, 2, "key file copied off the host"));
      ids.add(log.append(ProvenanceLogTest.draw(8)).provenanceId());
    }
    return ids;
  }

  @Test
  void recordsSignedByTheKeyFromThatPointOnAreUntrustedOthersStayValid() throws Exception {
    List<String> ids = compromisedFromRecord2();
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      assertValid(log, ids.get(0));
      for (String id : ids.subList(1, 4)) {
        Verification v = log.verify(id).orElseThrow();
        assertFalse(v.valid(), id);
        assertTrue(v.compromised(), id);
        assertTrue(v.reason().startsWith("untrusted: signed by quamtx-edge-"), v.reason());
        assertEquals(true, v.toJson().get("compromised"));
      }
      assertValid(log, ids.get(4));
      assertValid(log, ids.get(5));
      assertEquals("key_compromise", log.record(6).get("type"));
      assertEquals(2L, log.record(6).get("since_seq"));
      assertEquals(log.record(2).get("timestamp"), log.record(6).get("since"));
    }
    assertTrue(Fsck.check(dir).ok(), Fsck.check(dir).problems().toString());
  }

  @Test
  void theRotationOutOfTheCompromisedKeyStaysValidThroughItsCosignature() throws Exception {
    compromisedFromRecord2();
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      assertEquals("key_rotation", log.record(5).get("type"));
      assertValid(log, (String) log.record(5).get("provenance_id"));
    }
  }

  @Test
  void aCheckpointByAnotherKeyBeforeTheDeclarationStillAnchorsTheRecords() throws Exception {
    List<String> ids = new ArrayList<>();
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      String first = log.status().keyName();
      for (int i = 0; i < 3; i++) {
        ids.add(log.append(ProvenanceLogTest.draw(8)).provenanceId());
      }
      log.rotateKey();
      log.checkpoint();
      log.rotateKey();
      log.declareCompromised(first, 2, "found on a backup tape");
      for (String id : ids) {
        assertValid(log, id);
      }
    }
  }

  @Test
  void theOfflineVerifierFlagsTheUntrustedRecordWithTheKeysetMark() throws Exception {
    List<String> ids = compromisedFromRecord2();
    String keyset = Files.readString(dir.resolve("keys/keyset.json"));
    assertTrue(keyset.contains("\"compromised\":{\"declared_seq\":6,"), keyset);
    List<String> audit;
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      audit = log.audit(ids.get(0), 1, 0).orElseThrow();
      assertTrue(OfflineVerifier.trusting(keyset).replay(audit).ok());
      audit = log.audit(ids.get(2), 1, 0).orElseThrow();
    }
    OfflineVerifier.ReplayReport r = OfflineVerifier.trusting(keyset).replay(audit);
    assertFalse(r.ok());
    assertEquals(2, r.failedLine(), "the header, then record 2 (one record before record 3)");
    assertTrue(r.reason().startsWith("untrusted: record 2 is signed by"), r.reason());
  }

  @Test
  void aCheckpointSignedOnlyByTheCompromisedKeyPastThePointIsUntrusted() throws Exception {
    compromisedFromRecord2();
    String keyset = Files.readString(dir.resolve("keys/keyset.json"));
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      String byFirstKey = log.checkpoints().get(0).note();
      OfflineVerifier.CheckpointBody b =
          OfflineVerifier.trusting(keyset).checkCheckpoint(byFirstKey);
      assertFalse(b.ok());
      assertTrue(b.reason().startsWith("untrusted:"), b.reason());
    }
  }

  @Test
  void aTimeResolvesToTheFirstRecordAtOrAfterIt() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      log.append(ProvenanceLogTest.draw(8));
      Thread.sleep(5);
      log.append(ProvenanceLogTest.draw(8));
      Instant second = Instant.parse((String) log.record(2).get("timestamp"));
      assertEquals(2, log.firstSeqAtOrAfter(second));
      assertEquals(0, log.firstSeqAtOrAfter(Instant.EPOCH));
      assertEquals(3, log.firstSeqAtOrAfter(second.plusSeconds(60)));
    }
  }

  @Test
  void badDeclarationsAreRefusedAndWriteNothing() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir, MANUAL)) {
      String first = log.status().keyName();
      log.append(ProvenanceLogTest.draw(8));
      IllegalArgumentException active =
          assertThrows(IllegalArgumentException.class, () -> log.declareCompromised(first, 1, "x"));
      assertTrue(active.getMessage().contains("rotate"), active.getMessage());
      log.rotateKey();
      long size = log.status().records();
      assertThrows(
          IllegalArgumentException.class,
          () -> log.declareCompromised("quamtx-edge-0000000000000000", 1, "x"));
      IllegalArgumentException range =
          assertThrows(
              IllegalArgumentException.class, () -> log.declareCompromised(first, size + 1, "x"));
      assertTrue(range.getMessage().contains(String.valueOf(size + 1)), range.getMessage());
      assertEquals(size, log.status().records());
    }
  }

  private static void assertValid(ProvenanceLog log, String id) throws Exception {
    Verification v = log.verify(id).orElseThrow();
    assertTrue(v.valid(), id + ": " + v.reason());
    assertEquals(false, v.toJson().get("compromised"));
  }
}
