package io.quamtx.drivers.rdseed;

/** Replaces the RDSEED instruction in the shim by a cyclic script; an empty script restores it. */
final class RdseedTestHook {
  private RdseedTestHook() {}

  static void script(long[] values, boolean[] carry) {
    byte[] flags = new byte[carry.length];
    for (int i = 0; i < carry.length; i++) {
      flags[i] = (byte) (carry[i] ? 1 : 0);
    }
    int rc = RdseedNative.shim().orElseThrow().quamtx_rdseed_script(values, flags, values.length);
    if (rc != 0) {
      throw new IllegalArgumentException("script of " + values.length + " entries refused");
    }
  }
}
