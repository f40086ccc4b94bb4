package io.quamtx.drivers.quantis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.quamtx.core.EntropySource;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.drivers.Harness;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quantis driver against a stand-in vendor library compiled here with gcc. */
class QuantisSourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  /** The stand-in's set-up calls. */
  interface StandIn extends Library {
    void standin_setup(int count, int mask, int status, int after, int code, int value);

    int standin_opens();

    int standin_closes();
  }

  @TempDir static Path dir;
  private static Path library;
  private static StandIn standIn;

  @BeforeAll
  static void compileStandIn() throws Exception {
    Path source = dir.resolve("standin_quantis.c");
    try (InputStream in =
        QuantisSourceTest.class.getResourceAsStream("/quantis/standin_quantis.c")) {
      Files.copy(in, source);
    }
    library = dir.resolve("libQuantis.so");
    Process gcc;
    try {
      gcc =
          new ProcessBuilder(
                  "gcc", "-shared", "-fPIC", "-Wall", "-o", library.toString(), source.toString())
              .inheritIO()
              .start();
    } catch (java.io.IOException e) {
      gcc = null;
    }
    assumeTrue(gcc != null && gcc.waitFor() == 0, "no gcc to build the stand-in; test skipped");
    standIn = Native.load(library.toString(), StandIn.class);
  }

  private QuantisDriver driver() {
    return new QuantisDriver(library.toString());
  }

  @Test
  void readsAHealthyStandInDeviceSimulated() throws Exception {
    standIn.standin_setup(1, 0x3, 0x3, -1, 0, -1);
    QuantisDriver driver = driver();
    assertTrue(driver.isAvailable());
    try (Harness h = new Harness(driver.open("quantis:usb/0?h=6"))) {
      assertEquals(8192, h.drain(8192, DEADLINE).length);
      assertEquals(SourceState.AVAILABLE, h.monitor().status().state());
      assertEquals(SourceClass.HARDWARE, h.monitor().status().sourceClass());
    }
    assertEquals(1, standIn.standin_opens());
    assertEquals(1, standIn.standin_closes());
  }

  @Test
  void unpluggedDeviceErrorIsGoneWithTheLibraryCodeSimulated() throws Exception {
    standIn.standin_setup(1, 0x3, 0x3, 4096, -108, -1);
    try (EntropySource source = driver().open()) {
      byte[] buf = new byte[4096];
      assertEquals(4096, source.read(buf, 0, buf.length, DEADLINE));
      SourceUnavailableException e =
          assertThrows(
              SourceUnavailableException.class, () -> source.read(buf, 0, buf.length, DEADLINE));
      assertEquals(Reason.GONE, e.reason());
      assertTrue(e.getMessage().contains("-108 QUANTIS_ERROR_NO_DEVICE"), e.getMessage());
    }
  }

  @Test
  void olderLibraryNumberingIsRecognisedSimulated() throws Exception {
    standIn.standin_setup(1, 0x3, 0x3, 0, -6, -1);
    try (EntropySource source = driver().open()) {
      SourceUnavailableException e =
          assertThrows(
              SourceUnavailableException.class, () -> source.read(new byte[16], 0, 16, DEADLINE));
      assertEquals(Reason.FAULT, e.reason());
      assertTrue(e.getMessage().contains("-6 QUANTIS_ERROR_NO_MODULE"), e.getMessage());
    }
  }

  @Test
  void noFunctionalModuleRefusesToOpenSimulated() {
    standIn.standin_setup(1, 0x3, 0x0, -1, 0, -1);
    SourceUnavailableException e =
        assertThrows(SourceUnavailableException.class, () -> driver().open());
    assertEquals(Reason.FAULT, e.reason());
    assertTrue(e.getMessage().contains("mask 0x3, status 0x0"), e.getMessage());
    assertEquals(0, standIn.standin_opens());
  }

  @Test
  void noDeviceAndNoLibraryAreAbsentSimulated() {
    standIn.standin_setup(0, 0x3, 0x3, -1, 0, -1);
    Throwable none = driver().unavailabilityCause().orElseThrow();
    assertTrue(none.getMessage().contains("no USB or PCI device"), none.getMessage());
    SourceUnavailableException bad =
        assertThrows(SourceUnavailableException.class, () -> driver().open("quantis:usb/3"));
    assertTrue(bad.getMessage().contains("QUANTIS_ERROR_INVALID_DEVICE_NUMBER"), bad.getMessage());
    Throwable missing = new QuantisDriver("/nonexistent/libQuantis.so").unavailabilityCause().get();
    assertEquals(Reason.ABSENT, ((SourceUnavailableException) missing).reason());
  }

  @Test
  void stuckDeviceFailsTheHealthTestsSimulated() throws Exception {
    standIn.standin_setup(1, 0x3, 0x3, -1, 0, 0x5a);
    try (Harness h = new Harness(driver().open("quantis:usb/0?h=6"))) {
      assertThrows(HealthTestException.class, () -> h.drain(4096, DEADLINE));
      assertEquals(0, h.output().length);
      assertEquals(SourceState.FAILED, h.monitor().status().state());
    }
  }

  @Test
  void closeReleasesTheHandleOnceSimulated() throws Exception {
    standIn.standin_setup(1, 0x3, 0x3, -1, 0, -1);
    EntropySource source = driver().open();
    source.close();
    source.close();
    assertEquals(1, standIn.standin_closes());
    SourceUnavailableException e =
        assertThrows(
            SourceUnavailableException.class, () -> source.read(new byte[8], 0, 8, DEADLINE));
    assertEquals(Reason.CLOSED, e.reason());
  }
}
