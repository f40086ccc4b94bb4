package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes killed with SIGKILL mid-append, a second process, a full and a read-only disk. */
class CrashTest {
  @TempDir Path dir;

  @Test
  void killedWriterLosesNoReceiptedRecord() throws Exception {
    killLoop(4, new Random(1));
  }

  @Test
  @Tag("slow")
  void killedWriterTwoHundredTimes() throws Exception {
    killLoop(200, new Random(2));
  }

  private void killLoop(int rounds, Random rnd) throws Exception {
    List<String> receipts = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      receipts.addAll(runAndKill(1 + rnd.nextInt(4), 20 + rnd.nextInt(300)));
      try (ProvenanceLog log = ProvenanceLog.open(dir)) {
        for (String line : receipts) {
          String[] f = line.split(" ");
          Verification v = log.verify(f[1]).orElseThrow(() -> new AssertionError("lost " + f[1]));
          assertTrue(v.valid(), v.reason());
          assertEquals(f[2], ((java.util.Map<?, ?>) v.toJson().get("record")).get("chain_hash"));
        }
      }
    }
    FsckReport r = Fsck.check(dir);
    assertTrue(r.ok(), r.problems().toString());
    assertTrue(receipts.size() >= rounds, "writers produced only " + receipts.size() + " receipts");
  }

  /** Starts a writer, kills it with SIGKILL after it ran for {@code millis}, returns receipts. */
  private List<String> runAndKill(int threads, int millis) throws Exception {
    Process p = writer(threads);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    if (ready == null || !ready.startsWith("READY")) {
      p.destroyForcibly();
      throw new AssertionError(
          "writer did not start: "
              + ready
              + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    List<String> receipts = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> collect(out, receipts));
    reader.start();
    // The kill comes a random time after the first receipt, not after start-up, so that a loaded
    // machine, where a writer's first fsync can take longer than the whole window, still kills
    // writers in the middle of their work.
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (receipts.isEmpty() && reader.isAlive() && System.nanoTime() < giveUp) {
      Thread.sleep(1);
    }
    Thread.sleep(millis);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    reader.join(30_000);
    return receipts;
  }

  /** Every receipt line the writer printed before it died; a torn last line is dropped. */
  private static void collect(BufferedReader out, List<String> receipts) {
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.matches("R pvn_\\w{32} sha256:[0-9a-f]{64}")) {
          receipts.add(line);
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is killed; what was read so far is what it printed.
    }
  }

  private Process writer(int threads) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CrashWriter.class.getName(),
            dir.toString(),
            Integer.toString(threads))
        .start();
  }

  @Test
  void secondProcessGetsLogLockedNamingThePid() throws Exception {
    Process p = writer(1);
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertTrue(ready != null && ready.startsWith("READY"), String.valueOf(ready));
      LogLockedException e = assertThrows(LogLockedException.class, () -> ProvenanceLog.open(dir));
      assertTrue(e.getMessage().contains("pid " + p.pid()), e.getMessage());
      String receipt = out.readLine();
      assertTrue(receipt != null && receipt.startsWith("R "), String.valueOf(receipt));
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      assertTrue(log.status().records() > 1);
    }
  }

  @Test
  void fullDiskFailsClosedAndKeepsEveryReceiptOnTmpfs() throws Exception {
    Path mnt = mountTmpfs("size=96k");
    try {
      List<String> ids = new ArrayList<>();
      ProvenanceException failure = null;
      try (ProvenanceLog log = ProvenanceLog.open(mnt.resolve("home"))) {
        while (failure == null) {
          try {
            ids.add(log.append(ProvenanceLogTest.draw(32)).provenanceId());
          } catch (ProvenanceException e) {
            failure = e;
          }
        }
        assertTrue(failure.getMessage().contains("No space left"), failure.getMessage());
        assertFalse(log.status().writable());
        assertThrows(ProvenanceException.class, () -> log.append(ProvenanceLogTest.draw(1)));
      }
      run("mount", "-o", "remount,size=4m", mnt.toString());
      try (ProvenanceLog log = ProvenanceLog.open(mnt.resolve("home"))) {
        for (String id : ids) {
          assertTrue(log.verify(id).orElseThrow().valid());
        }
      }
      assertTrue(Fsck.check(mnt.resolve("home")).ok());
    } finally {
      run("umount", mnt.toString());
    }
  }

  @Test
  void readOnlyMountFailsClearlyAndWritesNothingOnTmpfs() throws Exception {
    Path mnt = mountTmpfs("size=1m");
    try {
      try (ProvenanceLog log = ProvenanceLog.open(mnt.resolve("home"))) {
        log.append(ProvenanceLogTest.draw(4));
      }
      run("mount", "-o", "remount,ro", mnt.toString());
      ProvenanceException e =
          assertThrows(ProvenanceException.class, () -> ProvenanceLog.open(mnt.resolve("home")));
      assertTrue(e.getMessage().contains(mnt.toString()), e.getMessage());
      ProvenanceException fresh =
          assertThrows(ProvenanceException.class, () -> ProvenanceLog.open(mnt.resolve("other")));
      assertTrue(fresh.getMessage().contains("writable"), fresh.getMessage());
      assertFalse(Files.exists(mnt.resolve("other")));
      assertTrue(Fsck.check(mnt.resolve("home")).ok(), "fsck works on a read-only log");
    } finally {
      run("umount", mnt.toString());
    }
  }

  /** A fresh tmpfs at a temp path; skips the test where mounting is not permitted. */
  private Path mountTmpfs(String options) throws Exception {
    Path mnt = Files.createDirectory(dir.resolve("mnt"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mnt.toString()) == 0,
        "cannot mount a tmpfs here (needs root); skipping");
    return mnt;
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
