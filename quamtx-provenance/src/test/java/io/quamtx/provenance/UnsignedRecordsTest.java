package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched draws without per-record signatures ({@code signEachRecord(false)}): each record is bound
 * by the signed checkpoints over it, and every reader accepts it on that ground.
 */
class UnsignedRecordsTest {
  @TempDir Path dir;

  @Test
  void recordsCoveredByCheckpointsOnlyVerifyAuditReplayAndPassFsck() throws Exception {
    LogOptions options =
        LogOptions.builder()
            .drawDurability(Durability.BATCHED)
            .signEachRecord(false)
            .checkpointEveryRecords(5)
            .build();
    List<Receipt> receipts = new ArrayList<>();
    List<String> audit;
    try (ProvenanceLog log = ProvenanceLog.open(dir, options)) {
      for (int i = 0; i < 12; i++) {
        receipts.add(log.append(ProvenanceLogTest.draw(16 + i)));
      }
      for (Receipt r : receipts) {
        assertNull(r.record().get("signature"), "no per-record signature");
        Verification v = log.verify(r.provenanceId()).orElseThrow();
        assertTrue(v.valid(), v.reason());
      }
      audit = log.audit(receipts.get(6).provenanceId(), 3, 3).orElseThrow();
    }
    String keyset = Files.readString(dir.resolve("keys/keyset.json"));
    OfflineVerifier.ReplayReport replay = OfflineVerifier.trusting(keyset).replay(audit);
    assertTrue(replay.ok(), replay.reason());
    assertEquals(7, replay.entries());
    FsckReport report = Fsck.check(dir);
    assertTrue(report.ok(), report.problems().toString());
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(dir)) {
      for (Receipt r : receipts) {
        assertTrue(log.verify(r.provenanceId()).orElseThrow().valid(), r.provenanceId());
      }
    }
  }
}
