package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.ProvenanceLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --since (consistency proofs) and signing-keys, through a child JVM with exit codes. */
class VerifySinceAndSigningKeysTest {
  @TempDir Path dir;

  private CliRun quamtx(Path home, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return CliRun.run(all);
  }

  /** Appends draws and returns the checkpoint signed over them, as an auditor would keep it. */
  private static String draws(Path home, int n) throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      for (int i = 0; i < n; i++) {
        log.append(
            new DrawEvent(
                "draw", "test:simulated", "hardware", 8, 1.0, "simulated", "pass", new byte[8]));
      }
      return log.checkpoint();
    }
  }

  private Path keep(String name, String note) throws IOException {
    return Files.writeString(dir.resolve(name), note);
  }

  @Test
  void aKeptCheckpointIsConsistentWithTheGrownLog() throws Exception {
    Path home = dir.resolve("home");
    Path kept = keep("kept.note", draws(home, 5));
    draws(home, 4);
    CliRun r = quamtx(home, "verify", "--since", kept.toString());
    assertEquals(0, r.exitCode(), r.out() + r.stderr());
    assertTrue(r.out().contains("\"consistent\" : true"), r.out());
    assertTrue(r.out().contains("\"size\" : 6"), r.out());
    assertTrue(r.out().contains("\"size\" : 10"), r.out());
    assertTrue(r.out().contains("\"proof\" : [ \""), r.out());

    CliRun bySize = quamtx(home, "verify", "--since", "3");
    assertEquals(0, bySize.exitCode(), bySize.out() + bySize.stderr());
  }

  @Test
  void aCheckpointOfAForkedCopyIsInconsistent() throws Exception {
    Path home = dir.resolve("home");
    draws(home, 5);
    Path fork = dir.resolve("fork");
    copyTree(home, fork);
    draws(home, 3);
    Path forked = keep("forked.note", draws(fork, 2));
    CliRun r = quamtx(home, "verify", "--since", forked.toString());
    assertEquals(1, r.exitCode(), r.out() + r.stderr());
    assertTrue(r.out().contains("\"consistent\" : false"), r.out());
    assertTrue(r.stderr().contains("forked log"), r.stderr());

    Path longer = keep("longer.note", draws(fork, 5));
    CliRun past = quamtx(home, "verify", "--since", longer.toString());
    assertEquals(1, past.exitCode(), past.out() + past.stderr());
    assertTrue(past.stderr().contains("rolled back or forked"), past.stderr());
  }

  @Test
  void badSinceInputExitsTwo() throws Exception {
    Path home = dir.resolve("home");
    draws(home, 2);
    Path other = dir.resolve("other");
    Path foreign = keep("foreign.note", draws(other, 2));
    Path junk = keep("junk.note", "not a checkpoint\n");
    for (String arg : new String[] {dir.resolve("missing").toString(), junk.toString()}) {
      CliRun r = quamtx(home, "verify", "--since", arg);
      assertEquals(2, r.exitCode(), arg + ": " + r.out() + r.stderr());
    }
    CliRun r = quamtx(home, "verify", "--since", foreign.toString());
    assertEquals(2, r.exitCode(), r.out() + r.stderr());
    assertTrue(r.stderr().contains("not of this log"), r.stderr());
    CliRun none = quamtx(home, "verify");
    assertEquals(2, none.exitCode(), none.stderr());
  }

  @Test
  void signingKeysRotateThenCompromiseMakesOldRecordsUntrusted() throws Exception {
    Path home = dir.resolve("home");
    draws(home, 3);
    String first;
    String second;
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(home)) {
      first = log.status().keyName();
      second = (String) log.record(2).get("provenance_id");
    }
    CliRun active = quamtx(home, "signing-keys", "compromise", first, "--since", "2");
    assertEquals(2, active.exitCode(), active.stderr());
    assertTrue(active.stderr().contains("rotate"), active.stderr());

    CliRun rotate = quamtx(home, "signing-keys", "rotate");
    assertEquals(0, rotate.exitCode(), rotate.stderr());
    assertTrue(rotate.out().contains("quamtx-edge-"), rotate.out());
    CliRun c =
        quamtx(home, "signing-keys", "compromise", first, "--since", "2", "--reason", "leaked");
    assertEquals(0, c.exitCode(), c.out() + c.stderr());
    assertTrue(c.out().contains("\"since_seq\" : 2"), c.out());

    CliRun v = quamtx(home, "verify", second);
    assertEquals(1, v.exitCode(), v.out() + v.stderr());
    assertTrue(v.stderr().contains("untrusted: signed by " + first), v.stderr());
    CliRun list = quamtx(home, "signing-keys", "list");
    assertEquals(0, list.exitCode(), list.stderr());
    assertTrue(list.out().contains("\"compromised\""), list.out());
    CliRun gatewayKeys = quamtx(home, "keys", "list");
    assertEquals(0, gatewayKeys.exitCode(), gatewayKeys.stderr());
    CliRun badTime = quamtx(home, "signing-keys", "compromise", first, "--since", "yesterday");
    assertEquals(2, badTime.exitCode(), badTime.stderr());
  }

  @Test
  void rotateToATokenNeedsExactlyOnePinSourceAndNamesAMissingOne() throws Exception {
    Path home = dir.resolve("home");
    draws(home, 1);
    Path cfg = keep("pkcs11.cfg", "name = none\nlibrary = /nonexistent/libpkcs11.so\n");
    CliRun noPin =
        quamtx(home, "signing-keys", "rotate", "--pkcs11-config", cfg.toString(), "--alias", "a");
    assertEquals(2, noPin.exitCode(), noPin.stderr());
    CliRun unset =
        quamtx(
            home,
            "signing-keys",
            "rotate",
            "--pkcs11-config",
            cfg.toString(),
            "--alias",
            "a",
            "--pin-env",
            "QUAMTX_TEST_UNSET_PIN");
    assertEquals(1, unset.exitCode(), unset.stderr());
    assertTrue(unset.stderr().contains("QUAMTX_TEST_UNSET_PIN is not set"), unset.stderr());
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(home)) {
      assertEquals(
          2, log.status().records(), "genesis and one draw, nothing from failed rotations");
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
