package io.quamtx.drivers.file;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.util.Optional;

/**
 * Opens {@code file:} specs ({@link FileSpec}). It has no default file, so {@link #open()} throws
 * and the driver reports itself unavailable; it exists to be named explicitly.
 *
 * <p>Thread-safe.
 */
public final class FileSourceDriver implements SourceDriver {
  /** Never chosen on its own: it opens only what a spec names. */
  public static final int PREFERENCE = -100;

  @Override
  public String id() {
    return "file";
  }

  @Override
  public int preference() {
    return PREFERENCE;
  }

  @Override
  public boolean isAvailable() {
    return false;
  }

  @Override
  public Optional<Throwable> unavailabilityCause() {
    return Optional.of(noDefault());
  }

  @Override
  public EntropySource open() throws SourceUnavailableException {
    throw noDefault();
  }

  @Override
  public boolean accepts(String spec) {
    return spec.startsWith(FileSpec.SCHEME);
  }

  /**
   * Opens {@code file:/path[?h=..&bits=..&class=..]}.
   *
   * @throws IllegalArgumentException naming the spec when it is malformed
   */
  @Override
  public EntropySource open(String spec) throws SourceUnavailableException {
    return FileSource.open(FileSpec.parse(spec));
  }

  private static SourceUnavailableException noDefault() {
    return new SourceUnavailableException(
        Reason.ABSENT, "file: opens only a named path, as file:/path");
  }
}
