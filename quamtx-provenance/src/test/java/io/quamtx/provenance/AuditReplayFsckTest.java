package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReplayFsckTest {
  @TempDir Path dir;

  /** Ten draws, a key rotation, five more draws; returns the id of draw 8. */
  private String populate() throws Exception {
    String eighth = null;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      for (int i = 1; i <= 10; i++) {
        String id = log.append(ProvenanceLogTest.draw(i)).provenanceId();
        eighth = i == 8 ? id : eighth;
      }
      log.rotateKey();
      for (int i = 0; i < 5; i++) {
        log.append(ProvenanceLogTest.draw(3));
      }
    }
    return eighth;
  }

  private OfflineVerifier trusted() throws IOException {
    return OfflineVerifier.trusting(Files.readString(dir.resolve("keys/keyset.json")));
  }

  private List<String> audit(String id, int before, int after) throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      return log.audit(id, before, after).orElseThrow();
    }
  }

  @Test
  void aSourceChangeIsASignedRecordThatVerifiesReplaysAndPassesFsck() throws Exception {
    String change;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.append(ProvenanceLogTest.draw(4));
      change =
          log.appendSourceChange(
              "provider:QUAMTX",
              io.quamtx.core.SourceClass.HARDWARE,
              io.quamtx.core.SourceClass.FALLBACK,
              "no healthy hardware source");
      log.append(ProvenanceLogTest.draw(4));
      Verification v = log.verify(change).orElseThrow();
      assertTrue(v.valid(), v.reason());
      Map<String, Object> record = log.record(2);
      assertEquals("source_change", record.get("type"));
      assertEquals("hardware", record.get("from_class"));
      assertEquals("fallback", record.get("to_class"));
    }
    OfflineVerifier.ReplayReport r = trusted().replay(audit(change, 2, 2));
    assertTrue(r.ok(), r.reason() + " at line " + r.failedLine());
    assertTrue(Fsck.check(dir).ok());
  }

  @Test
  void auditAcrossAKeyRotationReplaysWithOnlyThePublicKeys() throws Exception {
    String id = populate();
    List<String> lines = audit(id, 3, 10);
    // header, records 5..16 (8 + 10 clipped to the 17 records), manifest
    assertEquals(1 + 12 + 1, lines.size());
    OfflineVerifier.ReplayReport r = trusted().replay(lines);
    assertTrue(r.ok(), r.reason() + " at line " + r.failedLine());
    assertEquals(12, r.entries());
  }

  @Test
  void everyTamperedLineIsNamed() throws Exception {
    List<String> lines = audit(populate(), 2, 2);
    OfflineVerifier v = trusted();
    for (int i = 0; i < lines.size(); i++) {
      List<String> bad = new ArrayList<>(lines);
      bad.set(i, tamper(bad.get(i)));
      OfflineVerifier.ReplayReport r = v.replay(bad);
      assertFalse(r.ok(), "tampering line " + (i + 1) + " went unnoticed");
      assertEquals(i + 1, r.failedLine(), r.reason());
    }
  }

  /** Changes one digit inside the line (a seq, a size, a count or a hash). */
  private static String tamper(String line) {
    int at = line.lastIndexOf("\"bytes\":");
    at = at >= 0 ? at + 8 : line.indexOf("\"size\":") + 7;
    if (at < 7) {
      at = line.indexOf("\"lines\":") + 8;
    }
    char c = line.charAt(at);
    return line.substring(0, at) + (c == '9' ? '8' : (char) (c + 1)) + line.substring(at + 1);
  }

  @Test
  void droppedOrReorderedLinesAndForeignKeysFail() throws Exception {
    List<String> lines = audit(populate(), 2, 2);
    List<String> dropped = new ArrayList<>(lines);
    dropped.remove(3);
    assertEquals(4, trusted().replay(dropped).failedLine());
    List<String> noManifest = lines.subList(0, lines.size() - 1);
    assertFalse(trusted().replay(noManifest).ok());
    String otherKeys;
    Path other = dir.resolve("other");
    try (ProvenanceLog log = ProvenanceLog.open(other)) {
      otherKeys = Files.readString(other.resolve("keys/keyset.json"));
    }
    OfflineVerifier.ReplayReport r = OfflineVerifier.trusting(otherKeys).replay(lines);
    assertEquals(1, r.failedLine(), r.reason());
  }

  @Test
  void offlineVerifierRunsWithTheJdkAlone() throws Exception {
    List<String> lines = audit(populate(), 1, 1);
    Path file = Files.write(dir.resolve("audit.jsonl"), lines, StandardCharsets.UTF_8);
    Path classes =
        Path.of(OfflineVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes.toString(),
                OfflineVerifier.class.getName(),
                file.toString(),
                dir.resolve("keys/keyset.json").toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("ok: 3 records verified"), out);
  }

  @Test
  void fsckPassesAHealthyLogAndCountsEverything() throws Exception {
    populate();
    FsckReport r = Fsck.check(dir);
    assertTrue(r.ok(), r.problems().toString());
    assertEquals(17, r.records());
    assertEquals(17, r.signatures());
    assertTrue(r.checkpoints() >= 1);
  }

  @Test
  void fsckFindsSingleBitFlipsAcrossTheSegment() throws Exception {
    populate();
    flipBits(new Random(9162), 60);
  }

  /** Every bit of every byte of a three-record segment; behind the "slow" tag. */
  @Test
  @Tag("slow")
  void fsckFindsEverySingleBitFlip() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      log.append(ProvenanceLogTest.draw(1));
      log.append(ProvenanceLogTest.draw(2));
    }
    flipBits(null, 0);
  }

  private void flipBits(Random sample, int samples) throws Exception {
    Path seg = segment();
    byte[] good = Files.readAllBytes(seg);
    int runs = sample == null ? good.length * 8 : samples;
    for (int i = 0; i < runs; i++) {
      int bit = sample == null ? i : sample.nextInt(good.length * 8);
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(seg, bad);
      FsckReport r = Fsck.check(dir);
      assertFalse(r.ok(), "flip of bit " + bit + " went unnoticed");
    }
    Files.write(seg, good);
    assertTrue(Fsck.check(dir).ok());
  }

  @Test
  void fsckFindsAnAlteredCheckpoint() throws Exception {
    populate();
    Path cps = dir.resolve("log/checkpoints.jsonl");
    String text = Files.readString(cps);
    // The root is the third line of the note; inside the JSON line, after the second "\n" escape.
    int root = text.indexOf("\\n", text.indexOf("\\n") + 2) + 2;
    char c = text.charAt(root);
    Files.writeString(
        cps, text.substring(0, root) + (c == 'A' ? 'B' : 'A') + text.substring(root + 1));
    FsckReport r = Fsck.check(dir);
    assertFalse(r.ok());
    assertTrue(r.problems().get(0).contains("checkpoint"), r.problems().toString());
  }

  @Test
  void fsckFindsAGarbledCheckpointLineBeforeGoodOnes() throws Exception {
    populate();
    Path cps = dir.resolve("log/checkpoints.jsonl");
    Files.writeString(cps, "{not json}\n" + Files.readString(cps));
    FsckReport r = Fsck.check(dir);
    assertFalse(r.ok());
    assertTrue(r.problems().toString().contains("line 1"), r.problems().toString());
  }

  private Path segment() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("log"))) {
      return s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
  }
}
