package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Records;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceLogTest {
  @TempDir Path dir;

  static DrawEvent draw(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (i * 7 + n);
    }
    return new DrawEvent("draw", "hwrng:/dev/hwrng", "hardware", n, 1.0, "test-basis", "pass", out);
  }

  @Test
  void appendWritesSignedChainedRecordThatVerifies() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      Receipt r = log.append(draw(32));
      Map<String, Object> rec = r.record();
      assertTrue(ProvenanceId.isWellFormed(r.provenanceId()));
      assertEquals(r.provenanceId(), rec.get("provenance_id"));
      assertEquals(1L, rec.get("seq"));
      assertEquals("hardware", rec.get("source_class"));
      assertEquals(32L, rec.get("bytes"));
      assertEquals(Map.of("weight", 1L, "units", 32L), rec.get("billing"));
      assertTrue(
          ((String) rec.get("timestamp"))
              .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
      assertTrue(((String) rec.get("signed_by")).startsWith("quamtx-edge-"));
      Verification v = log.verify(r.provenanceId()).orElseThrow();
      assertTrue(v.valid(), v.reason());
      assertEquals("ok", v.reason());
      assertEquals(log.status().headChainHash(), rec.get("chain_hash"));
    }
  }

  @Test
  void outputCommitmentOpensWithTheReceiptNonceOnly() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      DrawEvent e = draw(16);
      Receipt r = log.append(e);
      String logId = (String) r.record().get("log_id");
      byte[] nonce = Hashes.unhex(r.opening());
      String expect = Hashes.text(Records.commitment(logId, 1, nonce, e.output()));
      assertEquals(expect, r.record().get("output_commitment"));
      byte[] other = e.output().clone();
      other[0] ^= 1;
      assertFalse(expect.equals(Hashes.text(Records.commitment(logId, 1, nonce, other))));
      assertNoOutputOnDisk(e.output());
    }
  }

  private void assertNoOutputOnDisk(byte[] output) throws IOException {
    String hex = Hashes.hex(output);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String content = Hashes.hex(Files.readAllBytes(p));
        assertFalse(content.contains(hex), "output bytes found in " + p);
      }
    }
  }

  @Test
  void billingWeightsFollowTheSourceClass() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      Receipt c =
          log.append(new DrawEvent("reseed", "drbg", "conditioned", 48, 0.9, "b", "pass", null));
      Receipt f =
          log.append(new DrawEvent("draw", "os", "fallback", 3, null, "none", "pass", new byte[3]));
      assertEquals(Map.of("weight", 0.5, "units", 24L), c.record().get("billing"));
      assertEquals(Map.of("weight", 0.25, "units", 0.75), f.record().get("billing"));
      assertNull(f.record().get("min_entropy_per_byte"));
      assertNull(c.opening());
      assertNull(c.record().get("output_commitment"));
    }
  }

  @Test
  void reopenContinuesTheChainAndKeepsRecordsVerifiable() throws Exception {
    List<String> ids = new ArrayList<>();
    String head;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      for (int i = 1; i <= 5; i++) {
        ids.add(log.append(draw(i)).provenanceId());
      }
      head = log.status().headChainHash();
    }
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(6, log.status().records());
      Receipt next = log.append(draw(8));
      assertEquals(head, next.record().get("previous_hash"));
      for (String id : ids) {
        assertTrue(log.verify(id).orElseThrow().valid());
      }
    }
  }

  @Test
  void unknownIdIsEmptyAndMalformedIdIsRejected() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      String id = log.append(draw(4)).provenanceId();
      String other = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");
      assertTrue(log.verify(other).isEmpty());
      assertTrue(log.verify("pvn_" + "0".repeat(8) + "1".repeat(24)).isEmpty());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> log.verify("pvn_short"));
      assertTrue(e.getMessage().contains("pvn_short"));
      assertThrows(IllegalArgumentException.class, () -> log.verify(null));
      assertThrows(IllegalArgumentException.class, () -> log.verify("pvx_" + id.substring(4)));
      assertTrue(log.verify(id.toUpperCase().replace("PVN_", "pvn_")).orElseThrow().valid());
    }
  }

  @Test
  void secondOpenIsRefusedWithLogLocked() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      LogLockedException e = assertThrows(LogLockedException.class, () -> ProvenanceLog.open(dir));
      assertTrue(e.getMessage().contains("in use") || e.getMessage().contains("already open"));
      log.append(draw(1));
    }
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(2, log.status().records());
    }
  }

  @Test
  void interruptedAppendersDoNotBreakTheLog() throws Exception {
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(new Thread(() -> appendUntilDone(log, ids)));
      }
      threads.forEach(Thread::start);
      for (int i = 0; i < 40; i++) {
        Thread.sleep(5);
        threads.get(i % 4).interrupt();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(log.status().writable());
      ids.add(log.append(draw(2)).provenanceId());
      for (String id : ids) {
        assertTrue(log.verify(id).orElseThrow().valid());
      }
    }
    assertTrue(Fsck.check(dir).ok());
  }

  private static void appendUntilDone(ProvenanceLog log, List<String> ids) {
    for (int i = 0; i < 60; i++) {
      try {
        ids.add(log.append(draw(8)).provenanceId());
      } catch (ProvenanceException e) {
        // An interrupt while waiting for the sync: no receipt, and the log must carry on.
        Thread.interrupted();
      }
    }
  }

  @Test
  void privateKeyIsOwnerOnly() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      Path key = dir.resolve("keys").resolve(log.status().keyName() + ".key");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
      assertEquals(32, Files.size(key));
    }
  }

  @Test
  void keyReadableByOthersIsRefused() throws Exception {
    String name;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      name = log.status().keyName();
    }
    Path key = dir.resolve("keys").resolve(name + ".key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> ProvenanceLog.open(dir));
    assertTrue(e.getMessage().contains(key.toString()), e.getMessage());
  }

  @Test
  void homeUnderAFileFailsClearlyAndLeavesNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    ProvenanceException e =
        assertThrows(ProvenanceException.class, () -> ProvenanceLog.open(file.resolve("home")));
    assertTrue(e.getMessage().contains("plain"), e.getMessage());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList());
    }
  }

  /** Every offset of the frame header and the first payload bytes, then a sample of the rest. */
  @Test
  void tornTailIsCutAndARecoveryRecordWritten() throws Exception {
    tornTail(1);
  }

  /** Every byte offset of the last record; behind the "slow" tag (mvn -Pslow-tests). */
  @Test
  @Tag("slow")
  void tornTailIsCutAtEveryOffset() throws Exception {
    tornTail(0);
  }

  private void tornTail(int sampling) throws Exception {
    Path seg;
    long goodSize;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.append(draw(4));
      seg = onlySegment();
      goodSize = Files.size(seg);
      log.append(draw(5));
    }
    byte[] full = Files.readAllBytes(seg);
    for (long cut = goodSize; cut < full.length; cut += step(sampling, cut - goodSize)) {
      openAfterCut(seg, full, goodSize, cut);
    }
  }

  private static long step(int sampling, long intoFrame) {
    return sampling == 0 || intoFrame < 40 ? 1 : 23;
  }

  private void openAfterCut(Path seg, byte[] full, long goodSize, long cut) throws Exception {
    // A torn write is never under a checkpoint: checkpoints cover synced records only.
    Files.deleteIfExists(dir.resolve("log").resolve("checkpoints.jsonl"));
    Files.write(seg, java.util.Arrays.copyOf(full, (int) cut));
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertEquals(cut == goodSize ? 2 : 3, log.status().records(), "cut at " + cut);
      if (cut > goodSize) {
        Map<String, Object> rec = log.record(2);
        assertEquals("recovery", rec.get("type"));
        assertEquals(cut - goodSize, rec.get("cut_bytes"));
        assertEquals(1L, rec.get("last_good_seq"));
        assertTrue(log.verify((String) rec.get("provenance_id")).orElseThrow().valid());
      }
    }
    try (Stream<Path> s = Files.list(dir.resolve("log"))) {
      s.filter(p -> p.getFileName().toString().startsWith("cut-"))
          .forEach(ProvenanceLogTest::delete);
    }
  }

  @Test
  void losingACheckpointedRecordRefusesToOpen() throws Exception {
    Path seg;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.append(draw(4));
      log.checkpoint();
      seg = onlySegment();
    }
    long size = Files.size(seg);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size - 10);
    }
    LogCorruptException e = assertThrows(LogCorruptException.class, () -> ProvenanceLog.open(dir));
    assertTrue(
        e.getMessage().contains("log has 1 records but checkpoint signed at size 2"),
        e.getMessage());
    assertEquals(size - 10, Files.size(seg), "nothing may be cut when refusing");
  }

  @Test
  void bitFlipInsideTheLastSegmentWithRecordsAfterIsRefused() throws Exception {
    Path seg;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      for (int i = 0; i < 3; i++) {
        log.append(draw(4));
      }
      seg = onlySegment();
    }
    try (FileChannel ch =
        FileChannel.open(seg, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, 60);
      b.put(0, (byte) (b.get(0) ^ 4));
      ch.write(b.flip(), 60);
    }
    LogCorruptException e = assertThrows(LogCorruptException.class, () -> ProvenanceLog.open(dir));
    assertEquals(seg, e.file());
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("log"))) {
      List<Path> segs = s.filter(p -> p.toString().endsWith(".seg")).toList();
      assertEquals(1, segs.size());
      return segs.get(0);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
