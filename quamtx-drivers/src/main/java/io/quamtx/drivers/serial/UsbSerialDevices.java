package io.quamtx.drivers.serial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds CDC-ACM serial ports by USB vendor and product id, from sysfs: each {@code
 * /sys/class/tty/ttyACM*} links to its USB interface, whose parent holds {@code idVendor} and
 * {@code idProduct}.
 *
 * <p>Thread-safe; reads sysfs afresh on every call.
 */
public final class UsbSerialDevices {
  /** The standard sysfs tty class directory. */
  public static final Path SYS_CLASS_TTY = Path.of("/sys/class/tty");

  private UsbSerialDevices() {}

  /**
   * The {@code /dev/ttyACM*} nodes whose USB ids are in {@code vidPids} ({@code "04d8:f5fe"}),
   * sorted by name; empty when there are none or sysfs cannot be read.
   */
  public static List<Path> find(Path sysClassTty, Set<String> vidPids) {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> ttys = Files.list(sysClassTty)) {
      ttys.filter(t -> t.getFileName().toString().startsWith("ttyACM"))
          .sorted()
          .filter(t -> vidPids.contains(vidPid(t)))
          .forEach(t -> found.add(Path.of("/dev").resolve(t.getFileName().toString())));
    } catch (IOException e) {
      return List.of();
    }
    return found;
  }

  /** {@code vvvv:pppp} of the USB device behind a tty, or empty when it has none. */
  static String vidPid(Path tty) {
    try {
      Path usbDevice = tty.resolve("device").toRealPath().getParent();
      return attribute(usbDevice, "idVendor") + ":" + attribute(usbDevice, "idProduct");
    } catch (IOException e) {
      return "";
    }
  }

  private static String attribute(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII)
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
