package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Records;
import io.quamtx.provenance.internal.SegmentStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage a tester can do to a log on disk: tampering with the last record, rolling the log back,
 * deleting segments or keys, planting a segment. Each must refuse to open and change nothing, or (a
 * genuine torn tail, a lost keyset.json) recover visibly.
 */
class TamperAndRollbackTest {
  @TempDir Path dir;

  private Path seg() {
    return dir.resolve("log").resolve(String.format("%020d.seg", 0));
  }

  private Path checkpoints() {
    return dir.resolve("log").resolve("checkpoints.jsonl");
  }

  /** Writes genesis plus {@code draws} draw records and closes (which signs a checkpoint). */
  private void logDraws(int draws) throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      for (int i = 0; i < draws; i++) {
        log.append(ProvenanceLogTest.draw(4 + i));
      }
    }
  }

  /** Byte offsets of every frame in the segment. */
  private List<Integer> frames() throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(seg()));
    List<Integer> out = new ArrayList<>();
    for (int pos = SegmentStore.HEADER; pos < b.limit(); pos += 8 + b.getInt(pos)) {
      out.add(pos);
    }
    return out;
  }

  private Map<String, String> snapshot() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("LOCK")).toList()) {
        files.put(
            dir.relativize(p).toString(),
            Hashes.hex(Hashes.sha256().digest(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  private LogCorruptException refused() throws Exception {
    Map<String, String> before = snapshot();
    LogCorruptException e = assertThrows(LogCorruptException.class, () -> ProvenanceLog.open(dir));
    assertEquals(before, snapshot(), "a refused open must change nothing");
    return e;
  }

  @Test
  void everyFlippedByteOfTheLastWholeRecordRefusesToOpen() throws Exception {
    logDraws(3);
    // A record durable but not yet checkpointed: the writer stopped before its next checkpoint.
    Files.delete(checkpoints());
    byte[] good = Files.readAllBytes(seg());
    int last = frames().get(3);
    for (int at = last; at < good.length; at++) {
      byte[] bad = good.clone();
      bad[at] ^= (byte) (1 << (at % 8));
      Files.write(seg(), bad);
      LogCorruptException e = refused();
      assertEquals(seg(), e.file(), "flip at " + at);
      assertEquals(last, e.offset(), "flip at " + at + ": " + e.getMessage());
      assertEquals(3, e.seq(), "flip at " + at);
      assertTrue(e.getMessage().contains("record 3"), e.getMessage());
    }
  }

  @Test
  void changedFieldWithRecomputedCrcRefusesToOpen() throws Exception {
    logDraws(3);
    Files.delete(checkpoints());
    rewriteLastPayload(p -> p.replace("\"bytes\":6", "\"bytes\":7"), false);
    LogCorruptException e = refused();
    assertEquals(3, e.seq());
    assertTrue(e.getMessage().contains("chain_hash does not match"), e.getMessage());
  }

  @Test
  void changedFieldWithRecomputedChainHashAndCrcFailsItsSignature() throws Exception {
    logDraws(3);
    Files.delete(checkpoints());
    rewriteLastPayload(p -> p.replace("\"bytes\":6", "\"bytes\":7"), true);
    LogCorruptException e = refused();
    assertEquals(3, e.seq());
    assertTrue(e.getMessage().contains("signature does not verify"), e.getMessage());
  }

  @Test
  void brokenSignatureOfTheLastRecordRefusesEvenUnderACheckpoint() throws Exception {
    logDraws(3);
    rewriteLastPayload(p -> flipSignatureChar(p), false);
    LogCorruptException e = refused();
    assertEquals(3, e.seq());
    assertEquals(frames().get(3).longValue(), e.offset());
  }

  private static String flipSignatureChar(String payload) {
    int at = payload.indexOf("\"signature\":\"") + 13;
    char c = payload.charAt(at);
    return payload.substring(0, at) + (c == 'A' ? 'B' : 'A') + payload.substring(at + 1);
  }

  /** Rewrites the last frame's payload with a fresh CRC-32C, and a fresh chain hash if asked. */
  private void rewriteLastPayload(java.util.function.UnaryOperator<String> edit, boolean rehash)
      throws Exception {
    byte[] all = Files.readAllBytes(seg());
    int last = frames().get(frames().size() - 1);
    String payload =
        new String(all, last + 8, ByteBuffer.wrap(all).getInt(last), StandardCharsets.UTF_8);
    String changed = edit.apply(payload);
    assertFalse(changed.equals(payload), "the edit must change something");
    byte[] p = changed.getBytes(StandardCharsets.UTF_8);
    if (rehash) {
      Map<String, Object> entry = Records.parseEntry(p);
      Map<String, Object> record = Records.recordOf(entry);
      byte[] sig = Base64.getDecoder().decode((String) entry.get("signature"));
      p = Records.entry(record, Records.chainHash(record), sig, null);
    }
    ByteBuffer out = ByteBuffer.allocate(last + 8 + p.length);
    out.put(all, 0, last).putInt(p.length).putInt(SegmentStore.crc(p)).put(p);
    Files.write(seg(), out.array());
  }

  @Test
  void genuineTornTailIsCutKeptAsideAndARecoveryRecordSaysSo() throws Exception {
    logDraws(3);
    Files.delete(checkpoints());
    byte[] good = Files.readAllBytes(seg());
    int last = frames().get(3);
    int cut = last + 37;
    Files.write(seg(), java.util.Arrays.copyOf(good, cut));
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(4, log.status().records());
      Map<String, Object> rec = log.record(3);
      assertEquals("recovery", rec.get("type"));
      assertEquals((long) (cut - last), rec.get("cut_bytes"));
      assertEquals(2L, rec.get("last_good_seq"));
    }
    Path kept = dir.resolve("log").resolve("cut-" + last + "-" + seg().getFileName());
    assertArrayEquals(
        java.util.Arrays.copyOfRange(good, last, cut), Files.readAllBytes(kept), "cut bytes kept");
  }

  @Test
  void rollbackInsideARecordBelowASignedCheckpointRefusesToOpen() throws Exception {
    logDraws(10);
    int fifth = frames().get(5);
    Files.write(seg(), java.util.Arrays.copyOf(Files.readAllBytes(seg()), fifth + 50));
    LogCorruptException e = refused();
    assertTrue(
        e.getMessage().contains("log has 5 records but checkpoint signed at size 11"),
        e.getMessage());
    assertEquals(5, e.seq());
  }

  @Test
  void rollbackAtARecordBoundaryRefusesAndKeepsTheCheckpoint() throws Exception {
    logDraws(10);
    byte[] history = Files.readAllBytes(checkpoints());
    int sixth = frames().get(6);
    Files.write(seg(), java.util.Arrays.copyOf(Files.readAllBytes(seg()), sixth));
    LogCorruptException e = refused();
    assertTrue(
        e.getMessage().contains("log has 6 records but checkpoint signed at size 11"),
        e.getMessage());
    assertArrayEquals(history, Files.readAllBytes(checkpoints()));
  }

  @Test
  void deletedSegmentsWithKeysLeftRefuseToStartANewLog() throws Exception {
    logDraws(2);
    Files.delete(seg());
    LogCorruptException e = refused();
    assertTrue(e.getMessage().contains("no segment files"), e.getMessage());
    Files.delete(checkpoints());
    LogCorruptException keysOnly = refused();
    assertTrue(keysOnly.getMessage().contains("holds keys"), keysOnly.getMessage());
  }

  @Test
  void segmentEmptiedToItsHeaderWithKeysLeftRefuses() throws Exception {
    logDraws(2);
    Files.delete(checkpoints());
    Files.write(seg(), java.util.Arrays.copyOf(Files.readAllBytes(seg()), SegmentStore.HEADER));
    LogCorruptException e = refused();
    assertTrue(e.getMessage().contains("holds no record"), e.getMessage());
  }

  @Test
  void readOnlyVerifyOfARecordNoCheckpointCoversYetProvesAgainstTheSnapshot() throws Exception {
    LogOptions rare =
        LogOptions.builder()
            .checkpointEveryRecords(1_000_000)
            .checkpointInterval(java.time.Duration.ofHours(1))
            .build();
    try (ProvenanceLog writer = ProvenanceLog.open(dir, rare)) {
      String id = writer.append(ProvenanceLogTest.draw(8)).provenanceId();
      try (ProvenanceLog reader = ProvenanceLog.openReadOnly(dir)) {
        Verification v = reader.verify(id).orElseThrow();
        assertTrue(v.valid(), v.reason());
        assertEquals(null, v.toJson().get("checkpoint"));
        assertEquals(2L, ((Map<?, ?>) v.toJson().get("inclusion")).get("tree_size"));
      }
      assertTrue(writer.checkpoints().isEmpty(), "the reader must not sign a checkpoint");
    }
  }

  @Test
  void deletedKeysDirectoryRefusesNamingTheMissingKey() throws Exception {
    logDraws(2);
    String keyName;
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(dir)) {
      keyName = log.status().keyName();
    }
    try (Stream<Path> s = Files.walk(dir.resolve("keys"))) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(TamperAndRollbackTest::delete);
    }
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> ProvenanceLog.open(dir));
    assertTrue(e.getMessage().contains(keyName + ".key"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("keys")), "no new key directory may be left behind");
  }

  @Test
  void deletedKeysetIsRebuiltFromTheLogWithItsOriginalWindows() throws Exception {
    logDraws(2);
    Path keyset = dir.resolve("keys").resolve("keyset.json");
    byte[] original = Files.readAllBytes(keyset);
    Files.delete(keyset);
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(3, log.status().records());
    }
    assertArrayEquals(original, Files.readAllBytes(keyset));
    assertTrue(new String(original, StandardCharsets.UTF_8).contains("valid_from"));
  }

  @Test
  void plantedSegmentWithAForeignStartRefusesToOpen() throws Exception {
    logDraws(2);
    Path planted = dir.resolve("log").resolve(String.format("%020d.seg", 99));
    Files.write(
        planted,
        ByteBuffer.allocate(SegmentStore.HEADER).put(SegmentStore.MAGIC).putLong(99).array());
    LogCorruptException e = refused();
    assertEquals(planted, e.file());
    assertEquals(99, e.seq());
    assertTrue(e.getMessage().contains("end at 2"), e.getMessage());
  }

  @Test
  void readOnlyOpenNeedsNoLockNoPrivateKeyAndWritesNothing() throws Exception {
    String id;
    try (ProvenanceLog writer = ProvenanceLog.open(dir)) {
      id = writer.append(ProvenanceLogTest.draw(8)).provenanceId();
      writer.checkpoint();
      try (ProvenanceLog reader = ProvenanceLog.openReadOnly(dir)) {
        assertTrue(reader.verify(id).orElseThrow().valid());
      }
    }
    String keyName;
    try (ProvenanceLog reader = ProvenanceLog.openReadOnly(dir)) {
      keyName = reader.status().keyName();
    }
    Files.delete(dir.resolve("keys").resolve(keyName + ".key"));
    Map<String, String> before = snapshot();
    try (ProvenanceLog reader = ProvenanceLog.openReadOnly(dir)) {
      Verification v = reader.verify(id).orElseThrow();
      assertTrue(v.valid(), v.reason());
      assertEquals(reader.checkpoints().get(0).note(), v.toJson().get("checkpoint"));
      assertFalse(reader.status().writable());
      assertThrows(ProvenanceException.class, () -> reader.append(ProvenanceLogTest.draw(4)));
      assertThrows(ProvenanceException.class, reader::checkpoint);
    }
    assertEquals(before, snapshot());
  }

  @Test
  void readOnlyOpenOfAHomeWithoutALogFailsAndCreatesNothing() throws Exception {
    Path none = dir.resolve("typo");
    LogNotFoundException e =
        assertThrows(LogNotFoundException.class, () -> ProvenanceLog.openReadOnly(none));
    assertTrue(e.getMessage().startsWith("no provenance log at "), e.getMessage());
    assertFalse(Files.exists(none));
  }

  @Test
  void readOnlyOpenRefusesTheSameDamage() throws Exception {
    logDraws(10);
    Files.write(seg(), java.util.Arrays.copyOf(Files.readAllBytes(seg()), frames().get(5) + 9));
    assertThrows(LogCorruptException.class, () -> ProvenanceLog.openReadOnly(dir));
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
