package io.quamtx.drivers.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The functions of {@code quamtx_rdseed.c}, with their C names. */
public interface RdseedShim extends Library {
  /** Status values of {@link #quamtx_rdseed_fill}, as in the C enum. */
  int QUAMTX_OK = 0;

  int QUAMTX_NOT_READY = 1;
  int QUAMTX_ZERO = 2;
  int QUAMTX_ALL_ONES = 3;
  int QUAMTX_REPEAT = 4;

  int quamtx_rdseed_cpuid();

  int quamtx_rdseed_script(long[] values, byte[] carry, int n);

  int quamtx_rdseed_fill(
      Pointer out, int words, int maxTries, long[] last, long[] counters, int[] status);

  /** Benchmark baseline only: spins until each word is ready, unchecked and unbounded. */
  void quamtx_rdseed_raw(Pointer out, int words);
}
