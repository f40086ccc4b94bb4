package io.quamtx.drivers.serial;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed serial source spec: {@code <scheme>[:/dev/ttyACM0][?mode=..][&h=..]}. Without a path the
 * driver finds the device by its USB ids.
 *
 * @param path the port, or empty to discover it
 * @param mode the device mode option, or empty for the device's default
 * @param minEntropy claimed bits per byte
 */
public record SerialSpec(Optional<Path> path, Optional<String> mode, double minEntropy) {
  /**
   * The claim for an unassessed USB generator: low on purpose, until an SP 800-90B assessment of
   * the actual device sets {@code h}.
   */
  public static final double DEFAULT_MIN_ENTROPY = 2.0;

  public SerialSpec {
    if (!(minEntropy > 0 && minEntropy <= 8)) {
      throw new IllegalArgumentException("serial source h=" + minEntropy + "; must be in (0, 8]");
    }
  }

  /**
   * Parses {@code spec}, which must be {@code scheme} or start with {@code scheme:}.
   *
   * @throws IllegalArgumentException naming the spec and the bad part
   */
  public static SerialSpec parse(String scheme, String spec) {
    if (spec.equals(scheme)) {
      return new SerialSpec(Optional.empty(), Optional.empty(), DEFAULT_MIN_ENTROPY);
    }
    if (!spec.startsWith(scheme + ":")) {
      throw new IllegalArgumentException("'" + spec + "' is not " + scheme + "[:/dev/tty..]");
    }
    String rest = spec.substring(scheme.length() + 1);
    int q = rest.indexOf('?');
    String pathPart = q < 0 ? rest : rest.substring(0, q);
    Optional<Path> path = pathPart.isEmpty() ? Optional.empty() : Optional.of(Path.of(pathPart));
    Optional<String> mode = Optional.empty();
    double h = DEFAULT_MIN_ENTROPY;
    for (String pair : q < 0 ? new String[0] : rest.substring(q + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      String value = kv.length == 2 ? kv[1] : "";
      switch (kv[0]) {
        case "mode" -> mode = Optional.of(value);
        case "h" -> h = parseClaim(spec, value);
        default ->
            throw new IllegalArgumentException("unknown option '" + kv[0] + "' in '" + spec + "'");
      }
    }
    return new SerialSpec(path, mode, h);
  }

  private static double parseClaim(String spec, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("h='" + value + "' in '" + spec + "' is not a number", e);
    }
  }
}
