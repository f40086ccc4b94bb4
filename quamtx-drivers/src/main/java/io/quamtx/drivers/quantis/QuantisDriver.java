package io.quamtx.drivers.quantis;

import com.sun.jna.Native;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.drivers.internal.QuantisLibrary;
import java.util.Optional;

/**
 * ID Quantique Quantis devices (USB, PCI, PCIe) through the vendor's {@code libQuantis}, id {@code
 * quantis}. The library is looked up as {@code Quantis} on the usual library path, or at the path
 * in the system property {@value #LIBRARY_PROPERTY}. Available when it loads and counts at least
 * one device.
 *
 * <p>Thread-safe.
 */
public final class QuantisDriver implements SourceDriver {
  /** A quantum generator the user installed comes first. */
  public static final int PREFERENCE = 400;

  /** System property naming the library file, when it is not on the library path. */
  public static final String LIBRARY_PROPERTY = "quamtx.quantis.library";

  private final String library;

  /** The driver for the library named by {@value #LIBRARY_PROPERTY}, or {@code Quantis}. */
  public QuantisDriver() {
    this(System.getProperty(LIBRARY_PROPERTY, "Quantis"));
  }

  QuantisDriver(String library) {
    this.library = library;
  }

  @Override
  public String id() {
    return "quantis";
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
      first(load());
      return Optional.empty();
    } catch (SourceUnavailableException e) {
      return Optional.of(e);
    }
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
   * Opens the device named by {@code spec} ({@link QuantisSpec}).
   *
   * @throws SourceUnavailableException ABSENT without library or device, GONE, FAULT
   * @throws IllegalArgumentException naming a malformed spec
   */
  @Override
  public EntropySource open(String spec) throws SourceUnavailableException {
    QuantisSpec parsed = QuantisSpec.parse(spec);
    QuantisLibrary lib = load();
    return QuantisSource.open(lib, parsed != null ? parsed : first(lib));
  }

  private QuantisLibrary load() throws SourceUnavailableException {
    try {
      return Native.load(library, QuantisLibrary.class);
    } catch (UnsatisfiedLinkError e) {
      throw new SourceUnavailableException(
          Reason.ABSENT,
          "quantis: vendor library '"
              + library
              + "' not found; install ID Quantique's library or name its folder in"
              + " -Djna.library.path");
    }
  }

  private static QuantisSpec first(QuantisLibrary lib) throws SourceUnavailableException {
    for (int type :
        new int[] {QuantisLibrary.QUANTIS_DEVICE_USB, QuantisLibrary.QUANTIS_DEVICE_PCI}) {
      if (lib.QuantisCount(type) > 0) {
        return new QuantisSpec(type, 0, QuantisSpec.DEFAULT_MIN_ENTROPY);
      }
    }
    throw new SourceUnavailableException(
        Reason.ABSENT, "quantis: the vendor library finds no USB or PCI device");
  }
}
