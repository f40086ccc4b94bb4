package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.SegmentIndex;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-segment index files: found in one read, never trusted over the segment, rebuilt. */
class LogIndexTest {
  @TempDir Path dir;
  private final List<Receipt> receipts = new ArrayList<>();

  @BeforeEach
  void fill() throws Exception {
    LogOptions small = LogOptions.builder().segmentBytes(4096).build();
    try (ProvenanceLog log = ProvenanceLog.open(dir, small)) {
      for (int i = 0; i < 40; i++) {
        receipts.add(log.append(ProvenanceLogTest.draw(8 + i)));
      }
    }
  }

  @Test
  void everyRecordIsFoundByIdAfterReopening() throws Exception {
    assertTrue(indexes().size() > 3, "records span several segments, each with an index");
    for (Receipt r : receipts) {
      Map<String, Object> entry = LogIndex.find(dir, r.provenanceId()).orElseThrow();
      assertEquals(r.record().get("chain_hash"), entry.get("chain_hash"));
      assertEquals(r.provenanceId(), ((Map<?, ?>) entry.get("record")).get("provenance_id"));
    }
    assertTrue(Fsck.check(dir).ok(), Fsck.check(dir).problems().toString());
  }

  @Test
  void anIdWithTheRightSequenceButOtherRandomBitsIsNotFound() throws Exception {
    String id = receipts.get(5).provenanceId();
    char last = id.charAt(id.length() - 1);
    String other = id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');
    assertTrue(LogIndex.find(dir, other).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> LogIndex.find(dir, "pvn_nonsense"));
  }

  @Test
  void aMissingIndexFallsBackToTheSegmentAndIsRebuiltOnOpen() throws Exception {
    Path idx = indexes().get(1);
    byte[] original = Files.readAllBytes(idx);
    Files.delete(idx);
    for (Receipt r : receipts) {
      assertTrue(LogIndex.find(dir, r.provenanceId()).isPresent(), r.provenanceId());
    }
    ProvenanceLog.open(dir).close();
    assertArrayEquals(original, Files.readAllBytes(idx));
  }

  @Test
  void anAlteredIndexEntryIsCaughtByFsckIgnoredByReadersAndRebuilt() throws Exception {
    Path idx = indexes().get(2);
    byte[] original = Files.readAllBytes(idx);
    try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw")) {
      f.seek(SegmentIndex.HEADER + SegmentIndex.ENTRY + 7);
      f.write(original[SegmentIndex.HEADER + SegmentIndex.ENTRY + 7] ^ 0x40);
    }
    FsckReport report = Fsck.check(dir);
    assertFalse(report.ok());
    assertTrue(
        report.problems().get(0).contains(idx.getFileName().toString()),
        report.problems().toString());
    for (Receipt r : receipts) {
      assertTrue(LogIndex.find(dir, r.provenanceId()).isPresent(), r.provenanceId());
    }
    ProvenanceLog.open(dir).close();
    assertArrayEquals(original, Files.readAllBytes(idx));
    assertTrue(Fsck.check(dir).ok());
  }

  @Test
  void aShortIndexIsNoProblem() throws Exception {
    Path idx = indexes().get(indexes().size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw")) {
      f.setLength(f.length() - SegmentIndex.ENTRY - 5);
    }
    assertTrue(Fsck.check(dir).ok(), Fsck.check(dir).problems().toString());
    Receipt last = receipts.get(receipts.size() - 1);
    assertTrue(LogIndex.find(dir, last.provenanceId()).isPresent());
  }

  private List<Path> indexes() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("log"))) {
      return s.filter(p -> p.toString().endsWith(".idx")).sorted().toList();
    }
  }
}
