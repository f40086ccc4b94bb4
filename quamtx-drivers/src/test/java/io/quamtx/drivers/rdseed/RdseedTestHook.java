package io.quamtx.drivers.rdseed;

/**
 * Replaces the RDSEED instruction in the shim, through its JNI entry point (the one the driver
 * uses), by a cyclic script; an empty script restores it.
 */
final class RdseedTestHook {
  private RdseedTestHook() {}

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
