package io.quamtx.drivers.rdseed;

import io.quamtx.drivers.internal.NativeLoader;
import io.quamtx.drivers.internal.RdseedShim;
import java.util.Optional;

/**
 * Loads the RDSEED shim once per class loader and remembers why it could not be loaded. It logs
 * nothing: the cause reaches the user through the driver's unavailability cause, and SLF4J's
 * discovery would add tens of milliseconds to the first draw.
 */
final class RdseedNative {
  private static final RdseedShim SHIM;
  private static final Throwable CAUSE;

  static {
    RdseedShim shim = null;
    Throwable cause = null;
    try {
      shim = NativeLoader.load("quamtx_rdseed", RdseedShim.class);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      cause = e;
    }
    SHIM = shim;
    CAUSE = cause;
  }

  private RdseedNative() {}

  /** The shim, or empty when it is not loadable here; {@link #cause()} then says why. */
  static Optional<RdseedShim> shim() {
    return Optional.ofNullable(SHIM);
  }

  static Throwable cause() {
    return CAUSE;
  }
}
