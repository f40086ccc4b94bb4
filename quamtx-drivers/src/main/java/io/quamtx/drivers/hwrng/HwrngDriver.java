package io.quamtx.drivers.hwrng;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Linux {@code /dev/hwrng} generator. Available when sysfs names a generator other than
 * {@code none} and the node exists and is readable by this process.
 *
 * <p>Thread-safe and side-effect free: every call looks at the system afresh.
 */
public final class HwrngDriver implements SourceDriver {
  /** Above the OS fallback, below RDSEED, whose rate is about 700 times higher here. */
  public static final int PREFERENCE = 100;

  private final Path device;
  private final Path sysfsDir;

  /** The driver for the standard device and sysfs paths. */
  public HwrngDriver() {
    this(HwrngSource.DEFAULT_DEVICE, HwrngSysfs.DEFAULT_DIR);
  }

  HwrngDriver(Path device, Path sysfsDir) {
    this.device = device;
    this.sysfsDir = sysfsDir;
  }

  @Override
  public String id() {
    return "hwrng";
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
    try {
      HwrngSource.readSysfs(sysfsDir);
    } catch (SourceUnavailableException e) {
      return Optional.of(e);
    }
    if (!Files.exists(device)) {
      return Optional.of(
          new SourceUnavailableException(Reason.ABSENT, "hwrng: no device node " + device));
    }
    if (!Files.isReadable(device)) {
      return Optional.of(
          new SourceUnavailableException(
              Reason.DENIED, "hwrng: " + device + " is not readable; " + HwrngSource.DENIED_HINT));
    }
    return Optional.empty();
  }

  /** Opens the device with the default min-entropy claim. */
  @Override
  public EntropySource open() throws SourceUnavailableException {
    return HwrngSource.open(device, sysfsDir, HwrngSource.DEFAULT_MIN_ENTROPY);
  }
}
