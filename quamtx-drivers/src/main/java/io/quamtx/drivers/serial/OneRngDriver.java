package io.quamtx.drivers.serial;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
public final class OneRngDriver implements SourceDriver {
  /** As for TrueRNG: a dedicated generator comes first. */
  public static final int PREFERENCE = 300;

  /** OneRNG's USB id. */
  public static final Set<String> USB_IDS = Set.of("1d50:6086");

  static final String STOP = "cmdo\ncmd4\ncmdw\n";

  private final Path sysClassTty;

  /** The driver over the real sysfs. */
  public OneRngDriver() {
    this(UsbSerialDevices.SYS_CLASS_TTY);
  }

  OneRngDriver(Path sysClassTty) {
    this.sysClassTty = sysClassTty;
  }

  @Override
  public String id() {
    return "onerng";
  }

  @Override
  public int preference() {
    return PREFERENCE;
  }

  @Override
  public boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public Optional<Throwable> unavailabilityCause() {
    return UsbSerialDevices.find(sysClassTty, USB_IDS).isEmpty()
        ? Optional.of(notFound())
        : Optional.empty();
  }

  @Override
  public EntropySource open() throws SourceUnavailableException {
    return open(id());
  }

  @Override
  public boolean accepts(String spec) {
    return spec.equals(id()) || spec.startsWith(id() + ":");
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
    Path path =
        s.path()
            .or(() -> UsbSerialDevices.find(sysClassTty, USB_IDS).stream().findFirst())
            .orElseThrow(this::notFound);
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

  private SourceUnavailableException notFound() {
    return new SourceUnavailableException(
        Reason.ABSENT,
        "onerng: no USB device " + new java.util.TreeSet<>(USB_IDS) + " under " + sysClassTty);
  }
}
