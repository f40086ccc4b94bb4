package io.quamtx.drivers.serial;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the USB serial drivers share: discovery by USB id under {@code /sys/class/tty}, the
 * availability report, and specs of the form {@code ID} or {@code ID:/dev/ttyACMn}. Each device
 * family says how to open its port. Thread-safe.
 */
abstract class UsbSerialDriver implements SourceDriver {
  private final String id;
  private final Set<String> usbIds;
  private final Path sysClassTty;

  UsbSerialDriver(String id, Set<String> usbIds, Path sysClassTty) {
    this.id = id;
    this.usbIds = usbIds;
    this.sysClassTty = sysClassTty;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public final Optional<Throwable> unavailabilityCause() {
    return firstDevice().isEmpty() ? Optional.of(notFound()) : Optional.empty();
  }

  @Override
  public final EntropySource open() throws SourceUnavailableException {
    return open(id);
  }

  @Override
  public final boolean accepts(String spec) {
    return spec.equals(id) || spec.startsWith(id + ":");
  }

  /** The port the spec names, else the first device with one of this family's USB ids. */
  final Path port(SerialSpec spec) throws SourceUnavailableException {
    Optional<Path> path = spec.path().or(this::firstDevice);
    if (path.isEmpty()) {
      throw notFound();
    }
    return path.get();
  }

  private Optional<Path> firstDevice() {
    return UsbSerialDevices.find(sysClassTty, usbIds).stream().findFirst();
  }

  private SourceUnavailableException notFound() {
    return new SourceUnavailableException(
        Reason.ABSENT, id + ": no USB device " + new TreeSet<>(usbIds) + " under " + sysClassTty);
  }
}
