package io.quamtx.drivers.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceStatus;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.Sources;
import io.quamtx.drivers.Harness;
import io.quamtx.drivers.SharedData;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults of issue 3 that a byte stream can show, each against the real kernel path. */
class FileSourceFaultsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  @TempDir Path tmp;

  private Path write(String name, byte[] data) throws Exception {
    return Files.write(tmp.resolve(name), data);
  }

  private static byte[] random(int n, long seed) {
    byte[] data = new byte[n];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static Harness open(String spec) throws SourceUnavailableException {
    return new Harness(Sources.open(spec));
  }

  @Test
  void constantFromTheFirstSampleFailsWithNothingHandedOut() throws Exception {
    Path zeros = write("zeros", new byte[64 * 1024]);
    try (Harness h = open("file:" + zeros)) {
      java.util.List<String> changes = new java.util.ArrayList<>();
      h.monitor().addListener((before, now) -> changes.add(before + ">" + now.state()));
      HealthTestException e =
          assertThrows(HealthTestException.class, () -> h.drain(1024, DEADLINE));
      assertEquals("RCT", e.event().test());
      assertTrue(e.event().permanent());
      assertEquals(0, h.output().length);
      SourceStatus s = h.monitor().status();
      assertEquals(SourceState.FAILED, s.state());
      assertEquals(3, s.healthFailures());
      assertTrue(s.reason().contains("RCT"), s.reason());
      assertEquals(java.util.List.of("INITIALIZING>FAILED"), changes);
    }
  }

  @Test
  void turningAllOnesWhileStillReadingFailsAndKeepsTheRunOut() throws Exception {
    byte[] data = random(64 * 1024, 1);
    Arrays.fill(data, 32 * 1024, data.length, (byte) 0xff);
    try (Harness h = open("file:" + write("ones", data) + "?h=6")) {
      assertThrows(HealthTestException.class, () -> h.drain(data.length, DEADLINE));
      byte[] out = h.output();
      assertTrue(out.length <= 32 * 1024 - 1024, "handed out " + out.length);
      int cutoff = h.tested().cutoffs().rctCutoff();
      assertTrue(Harness.longestRun(out, (byte) 0xff) < cutoff, "0xff run reached the output");
      assertEquals(SourceState.FAILED, h.monitor().status().state());
    }
  }

  @Test
  void biasTowardZeroOneSampleInTenAlarmsTheAdaptiveProportionTest() throws Exception {
    Random r = new Random(7);
    byte[] data = new byte[128 * 1024];
    for (int i = 0; i < data.length; i++) {
      data[i] = r.nextInt(10) == 0 ? 0 : (byte) (1 + r.nextInt(255));
    }
    try (Harness h = open("file:" + write("biased", data) + "?h=6")) {
      HealthTestException e =
          assertThrows(HealthTestException.class, () -> h.drain(data.length, DEADLINE));
      assertEquals("APT", e.event().test());
      assertTrue(h.output().length < data.length / 2, "handed out " + h.output().length);
    }
  }

  @Test
  void shortRepeatingPatternAlarms() throws Exception {
    byte[] data = new byte[64 * 1024];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (0x10 * (1 + i % 4));
    }
    try (Harness h = open("file:" + write("pattern", data) + "?h=6")) {
      HealthTestException e =
          assertThrows(HealthTestException.class, () -> h.drain(data.length, DEADLINE));
      assertEquals("APT", e.event().test());
      assertEquals(0, h.output().length);
    }
  }

  @Test
  void recordedHwrngSamplesPassWithoutAlarm() throws Exception {
    Path recorded = SharedData.dir().resolve("testdata/90b/h_hwrng.bin");
    assumeTrue(Files.exists(recorded), "no recorded samples; test skipped");
    try (Harness h = open("file:" + recorded + "?h=6")) {
      byte[] out = h.drain(100_000, DEADLINE);
      byte[] all = Files.readAllBytes(recorded);
      assertArrayEquals(Arrays.copyOfRange(all, 1024, 1024 + 100_000), out);
      assertEquals(0, h.monitor().status().healthFailures());
      assertEquals(SourceState.AVAILABLE, h.monitor().status().state());
      assertEquals(SourceClass.FALLBACK, h.monitor().status().sourceClass(), "a replay");
    }
  }

  @Test
  void endOfStreamAfter4KiBIsGone() throws Exception {
    Path fifo = Harness.fifo(tmp, "eof");
    byte[] data = random(4096, 3);
    try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw");
        FileSource source = FileSource.open(FileSpec.parse("file:" + fifo))) {
      writer.write(data);
      byte[] got = new byte[8192];
      int have = 0;
      while (have < 4096) {
        have += source.read(got, have, got.length - have, DEADLINE);
      }
      writer.close();
      SourceUnavailableException e =
          assertThrows(
              SourceUnavailableException.class, () -> source.read(got, 0, got.length, DEADLINE));
      assertEquals(Reason.GONE, e.reason());
      assertArrayEquals(data, Arrays.copyOf(got, 4096));
      assertEquals(SourceClass.HARDWARE, source.sourceClass(), "a FIFO is a device feed");
    }
  }

  @Test
  void readBlockedPastItsDeadlineTimesOut() throws Exception {
    Path fifo = Harness.fifo(tmp, "idle");
    try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw");
        Harness h = open("file:" + fifo)) {
      long start = System.nanoTime();
      SourceUnavailableException e =
          assertThrows(SourceUnavailableException.class, () -> h.drain(16, Duration.ofMillis(300)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Reason.TIMED_OUT, e.reason());
      // The bound is loose for loaded CI machines; a read that ignored its deadline would block.
      assertTrue(millis >= 290 && millis < 5000, "returned after " + millis + " ms");
      assertEquals(SourceState.UNAVAILABLE, h.monitor().status().state());
      assertTrue(h.monitor().status().reason().startsWith("TIMED_OUT"));
    }
  }

  @Test
  void deviceNodeWithoutDriverIsEnodev() throws Exception {
    Path node = tmp.resolve("nodev");
    Process p = new ProcessBuilder("mknod", node.toString(), "c", "10", "250").start();
    assumeTrue(p.waitFor() == 0, "mknod needs root; test skipped");
    SourceUnavailableException e =
        assertThrows(SourceUnavailableException.class, () -> Sources.open("file:" + node));
    assertEquals(Reason.ABSENT, e.reason());
    assertTrue(e.getMessage().contains("ENODEV (19)"), e.getMessage());
  }

  @Test
  void permissionDeniedNamesTheFix() throws Exception {
    Path secret =
        Files.createFile(
            tmp.resolve("secret"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    SourceUnavailableException e =
        Harness.asUser(
            65534,
            () ->
                assertThrows(
                    SourceUnavailableException.class, () -> Sources.open("file:" + secret)));
    assertEquals(Reason.DENIED, e.reason());
    assertTrue(e.getMessage().contains("EACCES (13)"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/udev/90-quamtx.rules"), e.getMessage());
  }

  @Test
  void closeWakesABlockedReaderAndLeaksNothing() throws Exception {
    Path fifo = Harness.fifo(tmp, "blocked");
    int descriptors = Harness.openDescriptorsTo(fifo);
    try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
      FileSource source = FileSource.open(FileSpec.parse("file:" + fifo));
      SourceUnavailableException[] thrown = new SourceUnavailableException[1];
      Thread reader =
          new Thread(
              () -> {
                try {
                  source.read(new byte[16], 0, 16, Duration.ofSeconds(30));
                } catch (SourceUnavailableException e) {
                  thrown[0] = e;
                }
              });
      reader.start();
      Thread.sleep(200);
      long start = System.nanoTime();
      source.close();
      long closeMillis = (System.nanoTime() - start) / 1_000_000;
      reader.join(10_000);
      // Far below the read's 30 s deadline, with room for a loaded machine.
      assertTrue(closeMillis < 2000, "close took " + closeMillis + " ms");
      assertTrue(!reader.isAlive(), "reader still blocked after close");
      assertEquals(Reason.CLOSED, thrown[0].reason());
    }
    assertEquals(descriptors, Harness.openDescriptorsTo(fifo), "descriptors of the FIFO leaked");
  }

  @Test
  void aSpecLooksUpAsADriverBoundToIt() throws Exception {
    Path zeros = write("zeros", new byte[4096]);
    String spec = "file:" + zeros;
    io.quamtx.core.SourceDriver bound = Sources.driver(spec).orElseThrow();
    assertEquals(spec, bound.id());
    try (Harness h = new Harness(bound.open())) {
      assertThrows(HealthTestException.class, () -> h.drain(16, DEADLINE));
      assertEquals(SourceState.FAILED, h.monitor().status().state());
    }
    assertEquals("hwrng", Sources.driver("hwrng").orElseThrow().id());
    assertTrue(Sources.driver("lavalamp:/x").isEmpty());
  }

  @Test
  void malformedAndUnknownSpecsAreNamed() {
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> Sources.open("file:/x?h=9"));
    assertTrue(bad.getMessage().contains("h=9"), bad.getMessage());
    IllegalArgumentException key =
        assertThrows(IllegalArgumentException.class, () -> Sources.open("file:/x?rate=1"));
    assertTrue(key.getMessage().contains("'rate'"), key.getMessage());
    SourceUnavailableException unknown =
        assertThrows(SourceUnavailableException.class, () -> Sources.open("lavalamp"));
    assertEquals(Reason.ABSENT, unknown.reason());
    assertTrue(unknown.getMessage().contains("'lavalamp'"), unknown.getMessage());
  }
}
