package io.quamtx.drivers.os;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import java.util.Optional;

/**
 * The operating-system fallback, id {@code os}: {@code getrandom(2)}. Always the least preferred
 * source, and of class {@code fallback}.
 *
 * <p>Thread-safe.
 */
public final class GetrandomDriver implements SourceDriver {
  /** Below every hardware driver. */
  public static final int PREFERENCE = 0;

  @Override
  public String id() {
    return "os";
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
    try (GetrandomSource probe = GetrandomSource.open()) {
      return Optional.empty();
    } catch (SourceUnavailableException e) {
      return Optional.of(e);
    }
  }

  @Override
  public EntropySource open() throws SourceUnavailableException {
    return GetrandomSource.open();
  }
}
