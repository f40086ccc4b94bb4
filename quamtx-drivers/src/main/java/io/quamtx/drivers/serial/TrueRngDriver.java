package io.quamtx.drivers.serial;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * ubld.it TrueRNG generators on USB serial, id {@code truerng}. Specs: {@code truerng} (find the
 * first by USB id), {@code truerng:/dev/ttyACM0}, and {@code ?mode=unwhitened} (Pro models only,
 * see {@link TrueRngMode}) and {@code &h=BITS}.
 *
 * <p>Thread-safe.
 */
public final class TrueRngDriver extends UsbSerialDriver {
  /** A dedicated generator the user plugged in is preferred to the built-in ones. */
  public static final int PREFERENCE = 300;

  /** TrueRNG v1-v3, TrueRNGpro, TrueRNGproV2. */
  public static final Set<String> USB_IDS = Set.of("04d8:f5fe", "16d0:0aa0", "04d8:ebb5");

  static final List<Integer> KNOCK = List.of(110, 300, 110);
  static final Duration KNOCK_PAUSE = Duration.ofMillis(500);

  private final Duration knockPause;

  /** The driver over the real sysfs, with the vendor's 0.5 s knock pause. */
  public TrueRngDriver() {
    this(UsbSerialDevices.SYS_CLASS_TTY, KNOCK_PAUSE);
  }

  TrueRngDriver(Path sysClassTty, Duration knockPause) {
    super("truerng", USB_IDS, sysClassTty);
    this.knockPause = knockPause;
  }

  @Override
  public int preference() {
    return PREFERENCE;
  }

  /**
   * Opens a TrueRNG named by {@code spec}.
   *
   * @throws SourceUnavailableException ABSENT when none is found, BUSY, DENIED, GONE
   * @throws IllegalArgumentException naming a malformed spec or unknown mode
   */
  @Override
  public EntropySource open(String spec) throws SourceUnavailableException {
    SerialSpec s = SerialSpec.parse(id(), spec);
    Optional<TrueRngMode> mode = s.mode().map(TrueRngMode::parse);
    Path path = port(s);
    List<Integer> knock =
        mode.map(m -> Stream.concat(KNOCK.stream(), Stream.of(m.baud())).toList())
            .orElse(List.of());
    int baud = mode.map(TrueRngMode::baud).orElse(115200);
    return SerialSource.open(
        new SerialSource.Setup(id(), path, baud, knock, knockPause, "", "", s.minEntropy()));
  }
}
