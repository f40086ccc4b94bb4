package io.quamtx.drivers.rdseed;

import io.quamtx.drivers.internal.NativeLoader;
import io.quamtx.drivers.internal.RdseedShim;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the RDSEED shim once per class loader and remembers why it could not be loaded. */
final class RdseedNative {
  private static final Logger LOG = LoggerFactory.getLogger(RdseedNative.class);
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
    if (cause == null) {
      LOG.debug("RDSEED shim loaded for {}", NativeLoader.platform());
    } else {
      LOG.debug("RDSEED shim not loaded: {}", cause.toString());
    }
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
