package io.quamtx.drivers.hwrng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.drivers.Harness;
import io.quamtx.drivers.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwrngSourceTest {
  @TempDir Path tmp;

  private static void assumeDevice() {
    assumeTrue(new HwrngDriver().isAvailable(), "no readable /dev/hwrng here; test skipped");
  }

  @Test
  void realDevicePassesStartupHealthTestsAndRecordsSysfs() throws Exception {
    assumeDevice();
    try (HwrngSource source = HwrngSource.open()) {
      HealthTestedSource tested = HealthTestedSource.wrap(source);
      byte[] buf = new byte[256];
      int n = tested.read(buf, 0, buf.length, Duration.ofSeconds(10));
      assertTrue(n > 0 && n <= buf.length, "read " + n);
      assertEquals(SourceState.AVAILABLE, tested.state());
      String current = Files.readString(HwrngSysfs.DEFAULT_DIR.resolve("rng_current")).trim();
      assertEquals(current, source.sysfs().current());
      assertTrue(source.sysfs().available().contains(current));
      assertEquals(SourceClass.HARDWARE, source.sourceClass());
    }
  }

  @Test
  void claimStaysBelowTheNistAssessmentOfThisDevice() throws Exception {
    double assessed = SharedData.nonIidMinEntropy("h_hwrng.bin");
    assertEquals(6.857674, assessed, 1e-6);
    assertTrue(HwrngSource.DEFAULT_MIN_ENTROPY < assessed);
  }

  @Test
  void refusesKernelWithoutGeneratorSimulated() throws Exception {
    Files.writeString(tmp.resolve("rng_current"), "none\n");
    Files.writeString(tmp.resolve("rng_available"), "none\n");
    SourceUnavailableException e =
        assertThrows(
            SourceUnavailableException.class,
            () -> HwrngSource.open(Path.of("/dev/null"), tmp, 6.0));
    assertEquals(Reason.ABSENT, e.reason());
    assertTrue(e.getMessage().contains("rng_current='none'"), e.getMessage());
    assertFalse(new HwrngDriver(Path.of("/dev/null"), tmp).isAvailable());
  }

  @Test
  void rejectsClaimOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> HwrngSource.open(HwrngSource.DEFAULT_DEVICE, HwrngSysfs.DEFAULT_DIR, 8.5));
  }

  @Test
  void waitsForEagainWithoutSpinning() throws Exception {
    assumeDevice();
    try (HwrngSource source = HwrngSource.open()) {
      byte[] buf = new byte[4096];
      long start = System.nanoTime();
      int have = 0;
      while (have < buf.length) {
        have += source.read(buf, have, buf.length - have, Duration.ofSeconds(10));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(source.notReadyCount() > 0, "virtio never said EAGAIN");
      double callsPerSecond = source.readCalls() / seconds;
      assertTrue(callsPerSecond < 3000, source.readCalls() + " read calls in " + seconds + " s");
      assertTrue(Harness.longestRun(buf, (byte) 0) < 5, "a run of zero bytes");
    }
  }

  @Test
  void permissionDeniedOnTheRealNodeNamesTheUdevRule() throws Exception {
    assumeDevice();
    SourceUnavailableException e =
        Harness.asUser(
            65534, () -> assertThrows(SourceUnavailableException.class, HwrngSource::open));
    assertEquals(Reason.DENIED, e.reason());
    assertTrue(e.getMessage().contains("EACCES (13)"), e.getMessage());
    assertTrue(e.getMessage().contains("docs/udev/90-quamtx.rules"), e.getMessage());
  }

  @Test
  void closeStopsALongReadPromptly() throws Exception {
    assumeDevice();
    HwrngSource source = HwrngSource.open();
    SourceUnavailableException[] thrown = new SourceUnavailableException[1];
    Thread reader =
        new Thread(
            () -> {
              try {
                byte[] buf = new byte[1 << 20];
                for (int have = 0; have < buf.length; ) {
                  have += source.read(buf, have, buf.length - have, Duration.ofSeconds(60));
                }
              } catch (SourceUnavailableException e) {
                thrown[0] = e;
              }
            });
    reader.start();
    Thread.sleep(300);
    long start = System.nanoTime();
    source.close();
    reader.join(10_000);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertFalse(reader.isAlive(), "reader still running " + millis + " ms after close");
    assertEquals(Reason.CLOSED, thrown[0].reason());
  }
}
