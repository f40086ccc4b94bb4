package io.quamtx.drivers.serial;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Moonbase Otago OneRNG on USB serial, id {@code onerng}. Specs: {@code onerng}, {@code
 * onerng:/dev/ttyACM0}, {@code ?mode=0..7} (the device's {@code cmdN} noise mode: 0 avalanche and
 * whitener, the default; 1 raw avalanche; see the device documentation) and {@code &h=BITS}.
 *
 * <p>At open it sends the mode command and {@code cmdO} (start); at close {@code cmdo} (stop),
 * {@code cmd4} (silent) and {@code cmdw} (flush the entropy pool), as the vendor's script does.
 *
 * <p>Thread-safe.
 */
public final class OneRngDriver extends UsbSerialDriver {
  /** As for TrueRNG: a dedicated generator comes first. */
  public static final int PREFERENCE = 300;

  /** OneRNG's USB id. */
  public static final Set<String> USB_IDS = Set.of("1d50:6086");

  static final String STOP = "cmdo\ncmd4\ncmdw\n";

  /** The driver over the real sysfs. */
  public OneRngDriver() {
    this(UsbSerialDevices.SYS_CLASS_TTY);
  }

  OneRngDriver(Path sysClassTty) {
    super("onerng", USB_IDS, sysClassTty);
  }

  @Override
  public int preference() {
    return PREFERENCE;
  }

  /**
   * Opens a OneRNG named by {@code spec}.
   *
   * @throws SourceUnavailableException ABSENT when none is found, BUSY, DENIED, GONE
   * @throws IllegalArgumentException naming a malformed spec or a mode outside 0..7
   */
  @Override
  public EntropySource open(String spec) throws SourceUnavailableException {
    SerialSpec s = SerialSpec.parse(id(), spec);
    int mode = s.mode().map(m -> parseMode(spec, m)).orElse(0);
    Path path = port(s);
    String start = "cmd" + mode + "\ncmdO\n";
    return SerialSource.open(
        new SerialSource.Setup(
            id(), path, 115200, List.of(), Duration.ZERO, start, STOP, s.minEntropy()));
  }

  private static int parseMode(String spec, String mode) {
    if (mode.length() != 1 || mode.charAt(0) < '0' || mode.charAt(0) > '7') {
      throw new IllegalArgumentException("OneRNG mode '" + mode + "' in '" + spec + "'; 0..7");
    }
    return mode.charAt(0) - '0';
  }
}
