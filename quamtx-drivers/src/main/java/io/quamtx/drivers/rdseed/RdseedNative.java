package io.quamtx.drivers.rdseed;

import io.quamtx.drivers.internal.JniLoader;

/**
 * Loads the RDSEED shim as a JNI library once per class loader, asks CPUID once, and remembers why
 * loading failed. No JNA class is touched. It logs nothing: the cause reaches the user through the
 * driver's unavailability cause, and SLF4J's discovery would add tens of milliseconds to the first
 * draw.
 */
final class RdseedNative {
  private static final boolean CPU_HAS_RDSEED;
  private static final Throwable CAUSE;

  static {
    boolean cpu = false;
    Throwable cause = null;
    try {
      JniLoader.load("quamtx_rdseed");
      // The first native call also checks that the library has the JNI entry points.
      cpu = RdseedJni.cpuid() != 0;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      cause = e;
    }
    CPU_HAS_RDSEED = cpu;
    CAUSE = cause;
  }

  private RdseedNative() {}

  /** Whether the shim is loaded, so that {@link RdseedJni} may be called. */
  static boolean loaded() {
    return CAUSE == null;
  }

  /** Why the shim could not be loaded; null when it was. */
  static Throwable cause() {
    return CAUSE;
  }

  /** CPUID leaf 7's RDSEED bit, as seen when the shim loaded; false when it did not load. */
  static boolean cpuHasRdseed() {
    return CPU_HAS_RDSEED;
  }
}
