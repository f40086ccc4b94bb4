package io.quamtx.drivers.rdseed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Replaces the RDSEED instruction in the shim, through its JNI entry point (the one the driver
 * uses), by a cyclic script; an empty script restores it.
 */
final class RdseedTestHook {
  private RdseedTestHook() {}

  /** Skips the calling test where this CPU or build has no RDSEED. */
  static void assumeRdseed() {
    assumeTrue(new RdseedDriver().isAvailable(), "no RDSEED here; test skipped");
  }

  /** Puts the real instruction back after a test that may have scripted it. */
  static void restoreRealInstruction() {
    if (RdseedNative.loaded()) {
      script(new long[0], new boolean[0]);
    }
  }

  static void script(long[] values, boolean[] carry) {
    byte[] flags = new byte[carry.length];
    for (int i = 0; i < carry.length; i++) {
      flags[i] = (byte) (carry[i] ? 1 : 0);
    }
    if (!RdseedNative.loaded()) {
      throw new IllegalStateException("rdseed shim not loaded", RdseedNative.cause());
    }
    int rc = RdseedJni.script(values, flags, values.length);
    if (rc != 0) {
      throw new IllegalArgumentException("script of " + values.length + " entries refused");
    }
  }
}
