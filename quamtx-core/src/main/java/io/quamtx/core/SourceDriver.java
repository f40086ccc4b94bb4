package io.quamtx.core;

import java.util.Optional;

/**
 * A family of entropy sources, found through {@link java.util.ServiceLoader}.
 *
 * <p>Each driver reports whether it can open a source on this machine and, when it cannot, why not,
 * without throwing.
 */
public interface SourceDriver {

  /** The source identifier this driver opens, such as {@code hwrng}. */
  String id();

  /** Higher is preferred when choosing the best healthy source. */
  int preference();

  /** Whether a source can be opened here. */
  boolean isAvailable();

  /** Why {@link #isAvailable()} is false, or empty when it is true. */
  Optional<Throwable> unavailabilityCause();

  /**
   * Opens the source.
   *
   * @throws SourceUnavailableException with the reason, when it cannot be opened
   */
  EntropySource open() throws SourceUnavailableException;

  /**
   * Whether {@link #open()} is quick and self-contained: it binds no library through JNA, loads no
   * vendor library and waits on no device handshake, so it takes milliseconds. A reservoir opening
   * several drivers opens these first, and the others only once the first draw has been served (or
   * after a short grace period), so that their start-up does not compete with the first seed on a
   * small machine. False by default.
   */
  default boolean opensQuickly() {
    return false;
  }

  /**
   * Whether this driver opens sources named by {@code spec}, such as {@code file:/dev/chaoskey0}.
   * By default a driver accepts exactly its {@link #id()}.
   */
  default boolean accepts(String spec) {
    return id().equals(spec);
  }

  /**
   * Opens the source named by {@code spec}, one this driver {@link #accepts}. By default the same
   * as {@link #open()}.
   *
   * @throws SourceUnavailableException with the reason, when it cannot be opened
   * @throws IllegalArgumentException naming the spec, when it is malformed
   */
  default EntropySource open(String spec) throws SourceUnavailableException {
    return open();
  }
}
