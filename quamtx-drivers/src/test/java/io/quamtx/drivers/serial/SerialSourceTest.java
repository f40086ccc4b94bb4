package io.quamtx.drivers.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.Sources;
import io.quamtx.drivers.Harness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TrueRNG and OneRNG against a device played on a pseudo-terminal pair. */
class SerialSourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private static byte[] random(int n, long seed) {
    byte[] data = new byte[n];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static byte[] readAll(SerialSource source, int n, long seed) throws Exception {
    Random sizes = new Random(seed);
    byte[] out = new byte[n];
    for (int have = 0; have < n; ) {
      int ask = Math.min(n - have, 1 + sizes.nextInt(900));
      have += source.read(out, have, ask, DEADLINE);
    }
    return out;
  }

  @Test
  void trueRngStreamSurvivesAnySplitSimulated() throws Exception {
    byte[] data = random(64 * 1024, 1);
    try (FakeUsbSerial device = new FakeUsbSerial();
        SerialSource source = (SerialSource) Sources.open("truerng:" + device.port())) {
      device.stream(data, null);
      byte[] got = readAll(source, 32 * 1024, 2);
      int at = indexOf(data, Arrays.copyOf(got, 32));
      assertTrue(at >= 0, "output is not from the device stream");
      assertArrayEquals(Arrays.copyOfRange(data, at, at + got.length), got);
      assertFalse(source.dtrRaised(), "a pseudo-terminal has no DTR line");
    }
  }

  @Test
  void trueRngProModeKnockIsSeenByTheDeviceSimulated() throws Exception {
    try (FakeUsbSerial device = new FakeUsbSerial()) {
      // The device samples the line's speed every millisecond; a loaded machine can stall that
      // thread for tens of milliseconds, so each knock step is held long enough to be seen.
      TrueRngDriver driver = new TrueRngDriver(Path.of("/nonexistent"), Duration.ofMillis(300));
      device.stream(random(1 << 20, 3), null);
      try (SerialSource source =
          (SerialSource) driver.open("truerng:" + device.port() + "?mode=unwhitened")) {
        readAll(source, 1024, 4);
      }
      List<Integer> speeds = device.speeds();
      assertTrue(containsInOrder(speeds, List.of(110, 300, 110, 57600)), "speeds seen: " + speeds);
    }
  }

  @Test
  void oneRngCommandsAtOpenAndCloseSimulated() throws Exception {
    try (FakeUsbSerial device = new FakeUsbSerial()) {
      device.stream(random(1 << 20, 5), "cmdO\n");
      try (SerialSource source =
          (SerialSource) Sources.open("onerng:" + device.port() + "?mode=1")) {
        assertEquals(1024, readAll(source, 1024, 6).length);
      }
      String expected = "cmd1\ncmdO\ncmdo\ncmd4\ncmdw\n";
      // The device reads the line on its own thread: wait until it has read what close wrote.
      long until = System.nanoTime() + DEADLINE.toNanos();
      while (!device.commands().equals(expected) && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertEquals(expected, device.commands());
    }
  }

  @Test
  void unplugIsGoneAndTheStatusSaysSoSimulated() throws Exception {
    try (FakeUsbSerial device = new FakeUsbSerial();
        Harness h = new Harness(Sources.open("truerng:" + device.port() + "?h=6"))) {
      device.stream(random(1 << 20, 7), null);
      h.drain(4096, DEADLINE);
      device.unplug();
      SourceUnavailableException e =
          assertThrows(SourceUnavailableException.class, () -> h.drain(1 << 20, DEADLINE));
      assertEquals(Reason.GONE, e.reason());
      assertEquals(SourceState.UNAVAILABLE, h.monitor().status().state());
      assertTrue(h.monitor().status().reason().startsWith("GONE"), h.monitor().status().reason());
    }
  }

  @Test
  void secondProcessHoldingThePortMakesItBusySimulated() throws Exception {
    try (FakeUsbSerial device = new FakeUsbSerial()) {
      Process holder =
          new ProcessBuilder(
                  "flock", "-x", "-o", device.port().toString(), "-c", "echo locked; sleep 30")
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
        assertEquals("locked", out.readLine());
        SourceUnavailableException e =
            assertThrows(
                SourceUnavailableException.class, () -> Sources.open("truerng:" + device.port()));
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("another process"), e.getMessage());
      } finally {
        holder.descendants().forEach(ProcessHandle::destroyForcibly);
        holder.destroyForcibly().waitFor();
      }
      Sources.open("truerng:" + device.port()).close();
    }
  }

  @Test
  void injectedNonRandomBytesAreCaughtAndKeptOutSimulated() throws Exception {
    byte[] data = random(64 * 1024, 9);
    // Two bursts of six zero bytes: each reaches the RCT cutoff (5 at h=6) exactly once.
    Arrays.fill(data, 20_000, 20_006, (byte) 0);
    Arrays.fill(data, 40_000, 40_006, (byte) 0);
    try (FakeUsbSerial device = new FakeUsbSerial();
        Harness h = new Harness(Sources.open("truerng:" + device.port() + "?h=6"))) {
      device.stream(data, null);
      h.drain(48 * 1024, DEADLINE);
      assertEquals(5, h.tested().cutoffs().rctCutoff());
      assertEquals(2, h.monitor().status().healthFailures());
      assertEquals(SourceState.DEGRADED, h.monitor().status().state());
      int cutoff = h.tested().cutoffs().rctCutoff();
      assertTrue(Harness.longestRun(h.output(), (byte) 0) < cutoff, "the zero run got out");
    } catch (HealthTestException e) {
      throw new AssertionError("one burst must not fail the source for good", e);
    }
  }

  @Test
  void findsPortsByUsbIdInSysfsSimulated(@TempDir Path sys) throws Exception {
    Path usb = Files.createDirectories(sys.resolve("devices/usb1/1-1"));
    Files.writeString(usb.resolve("idVendor"), "04d8\n");
    Files.writeString(usb.resolve("idProduct"), "F5FE\n");
    Path iface = Files.createDirectories(usb.resolve("1-1:1.0"));
    Path other = Files.createDirectories(sys.resolve("devices/usb1/1-2"));
    Files.writeString(other.resolve("idVendor"), "1d50\n");
    Files.writeString(other.resolve("idProduct"), "6086\n");
    Path otherIface = Files.createDirectories(other.resolve("1-2:1.0"));
    Path tty = Files.createDirectories(sys.resolve("class/tty"));
    Files.createSymbolicLink(
        Files.createDirectory(tty.resolve("ttyACM0")).resolve("device"), iface);
    Files.createSymbolicLink(
        Files.createDirectory(tty.resolve("ttyACM1")).resolve("device"), otherIface);
    Files.createDirectory(tty.resolve("ttyS0"));
    assertEquals(
        List.of(Path.of("/dev/ttyACM0")), UsbSerialDevices.find(tty, TrueRngDriver.USB_IDS));
    assertEquals(List.of(Path.of("/dev/ttyACM1")), UsbSerialDevices.find(tty, Set.of("1d50:6086")));
    assertTrue(new OneRngDriver(tty).isAvailable());
    assertFalse(new TrueRngDriver(sys, Duration.ZERO).isAvailable());
  }

  @Test
  void badSpecsAreNamed() {
    IllegalArgumentException mode =
        assertThrows(
            IllegalArgumentException.class, () -> Sources.open("truerng:/dev/x?mode=raw_bin"));
    assertTrue(mode.getMessage().contains("'raw_bin'"), mode.getMessage());
    IllegalArgumentException one =
        assertThrows(IllegalArgumentException.class, () -> Sources.open("onerng:/dev/x?mode=9"));
    assertTrue(one.getMessage().contains("'9'"), one.getMessage());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean containsInOrder(List<Integer> seen, List<Integer> wanted) {
    int k = 0;
    for (int s : seen) {
      if (k < wanted.size() && s == wanted.get(k)) {
        k++;
      }
    }
    return k == wanted.size();
  }
}
