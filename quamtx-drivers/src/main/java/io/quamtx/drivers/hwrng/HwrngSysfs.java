package io.quamtx.drivers.hwrng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the kernel's hw_random core says about its current generator, read from {@code
 * /sys/class/misc/hw_random}.
 *
 * @param current {@code rng_current}, such as {@code virtio_rng.0}; {@code none} or empty when the
 *     kernel has no generator selected
 * @param available {@code rng_available}, split on spaces
 * @param quality {@code rng_quality}, entropy per 1024 bits as the kernel credits it, or -1 when
 *     the kernel does not expose it
 */
public record HwrngSysfs(String current, List<String> available, int quality) {
  /** The standard sysfs directory. */
  public static final Path DEFAULT_DIR = Path.of("/sys/class/misc/hw_random");

  public HwrngSysfs {
    available = List.copyOf(available);
  }

  /**
   * Reads the three attributes from {@code dir}.
   *
   * @throws IOException when {@code rng_current} cannot be read; the other two are optional
   */
  public static HwrngSysfs read(Path dir) throws IOException {
    String current = attribute(dir, "rng_current");
    String available = optionalAttribute(dir, "rng_available");
    String quality = optionalAttribute(dir, "rng_quality");
    List<String> names = available.isEmpty() ? List.of() : Arrays.asList(available.split("\\s+"));
    return new HwrngSysfs(current, names, quality.isEmpty() ? -1 : parseQuality(quality));
  }

  /** Whether a real generator is selected: neither empty nor the kernel's {@code none}. */
  public boolean hasGenerator() {
    return !current.isEmpty() && !current.equals("none");
  }

  private static int parseQuality(String text) throws IOException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IOException("rng_quality is not a number: '" + text + "'", e);
    }
  }

  private static String attribute(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).trim();
  }

  private static String optionalAttribute(Path dir, String name) throws IOException {
    try {
      return attribute(dir, name);
    } catch (NoSuchFileException e) {
      return "";
    }
  }
}
