package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify, audit, replay and fsck end to end through a child JVM, with their exit codes. */
class ProvenanceCommandsTest {
  @TempDir Path home;

  private CliRun quamtx(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return CliRun.run(all);
  }

  private String logDraws(int n) throws Exception {
    String last = null;
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      for (int i = 0; i < n; i++) {
        last =
            log.append(
                    new DrawEvent(
                        "draw",
                        "test:simulated",
                        "hardware",
                        8,
                        1.0,
                        "simulated-for-cli-test",
                        "pass",
                        new byte[8]))
                .provenanceId();
      }
    }
    return last;
  }

  @Test
  void auditThenReplayWithTheKeysetExitsZeroAndTamperingExitsOne() throws Exception {
    String id = logDraws(5);
    Path file = home.resolve("audit.jsonl");
    CliRun audit = quamtx("audit", id, "--before", "2", "--after", "0", "--out", file.toString());
    assertEquals(0, audit.exitCode(), audit.stderr());
    Path keyset = home.resolve("keys/keyset.json");

    CliRun ok = quamtx("replay", file.toString(), "--trust", keyset.toString());
    assertEquals(0, ok.exitCode(), ok.out() + ok.stderr());
    assertTrue(ok.out().startsWith("ok: 3 records verified"), ok.out());

    List<String> lines = Files.readAllLines(file);
    lines.set(2, lines.get(2).replace("\"bytes\":8", "\"bytes\":9"));
    Files.write(file, lines);
    CliRun bad = quamtx("replay", file.toString(), "--trust", keyset.toString());
    assertEquals(1, bad.exitCode(), bad.out());
    assertTrue(bad.out().contains("line 3:"), bad.out());

    assertEquals(
        2,
        quamtx("replay", home.resolve("none").toString(), "--trust", keyset.toString()).exitCode());
  }

  @Test
  void verifyExitCodesAreZeroOneTwo() throws Exception {
    String id = logDraws(3);
    assertEquals(0, quamtx("verify", id).exitCode());
    assertEquals(2, quamtx("verify", "pvn_nonsense").exitCode());
    String unknown = id.substring(0, 20) + (id.charAt(20) == '0' ? '1' : '0') + id.substring(21);
    assertEquals(2, quamtx("verify", unknown).exitCode());

    breakSignatureOfLastRecord();
    CliRun invalid = quamtx("verify", id);
    assertEquals(1, invalid.exitCode(), invalid.out() + invalid.stderr());
    assertTrue(invalid.stderr().contains("signature does not verify"), invalid.stderr());
  }

  @Test
  void verifyOfAHomeWithoutALogExitsTwoAndCreatesNothing() throws Exception {
    Path typo = home.resolve("typo");
    String id = "pvn_" + "0".repeat(32);
    CliRun run = CliRun.run("verify", id, "--home", typo.toString());
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("no provenance log at " + typo), run.stderr());
    assertTrue(Files.notExists(typo), "verify must not create a log");
  }

  @Test
  void verifyNeedsNeitherThePrivateKeyNorWriteAccess() throws Exception {
    String id = logDraws(2);
    try (Stream<Path> keys = Files.list(home.resolve("keys"))) {
      for (Path k : keys.filter(p -> p.toString().endsWith(".key")).toList()) {
        Files.delete(k);
      }
    }
    var before = CliRun.snapshot(home);
    CliRun run = quamtx("verify", id);
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(before, CliRun.snapshot(home));
  }

  @Test
  void fsckIsCleanThenNamesAFlippedBit() throws Exception {
    logDraws(4);
    CliRun clean = quamtx("fsck");
    assertEquals(0, clean.exitCode(), clean.out());
    assertTrue(clean.out().startsWith("clean: 5 records, 5 signatures"), clean.out());

    Path seg = segment();
    byte[] b = Files.readAllBytes(seg);
    b[b.length / 2] ^= 0x10;
    Files.write(seg, b);
    CliRun broken = quamtx("fsck");
    assertEquals(1, broken.exitCode(), broken.out());
    assertTrue(broken.out().contains(seg.getFileName().toString()), broken.out());

    assertEquals(2, CliRun.run("fsck", "--home", home.resolve("nothing").toString()).exitCode());
  }

  /** Rewrites the last frame with one signature character changed and a fresh CRC-32C. */
  private void breakSignatureOfLastRecord() throws Exception {
    Path seg = segment();
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(seg));
    int pos = 16;
    int last = pos;
    while (pos < all.limit()) {
      last = pos;
      pos += 8 + all.getInt(pos);
    }
    int len = all.getInt(last);
    String payload = new String(all.array(), last + 8, len, StandardCharsets.UTF_8);
    int at = payload.indexOf("\"signature\":\"") + 13;
    char c = payload.charAt(at);
    String changed = payload.substring(0, at) + (c == 'A' ? 'B' : 'A') + payload.substring(at + 1);
    byte[] p = changed.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(p);
    all.putInt(last + 4, (int) crc.getValue());
    all.put(last + 8, p);
    Files.write(seg, all.array());
  }

  private Path segment() throws Exception {
    try (Stream<Path> s = Files.list(home.resolve("log"))) {
      return s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
    }
  }
}
