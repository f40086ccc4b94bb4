package io.quamtx.drivers.rdseed;

/**
 * The JNI entry points of {@code quamtx_rdseed.c} (built with {@code QUAMTX_JNI}). The driver uses
 * these rather than the JNA binding of the same shim, so that the first seed of a fresh JVM does
 * not wait for JNA to initialise. Call only after {@link RdseedNative} has loaded the library.
 */
final class RdseedJni {
  /** Status values of {@link #fill}, as in the C enum. */
  static final int OK = 0;

  static final int NOT_READY = 1;
  static final int ZERO = 2;
  static final int ALL_ONES = 3;
  static final int REPEAT = 4;

  /** The most words one {@link #fill} call takes, as {@code QUAMTX_JNI_WORDS} in C. */
  static final int MAX_WORDS = 1024;

  /** The most entries of a {@link #script}, as {@code QUAMTX_SCRIPT_MAX} in C. */
  static final int SCRIPT_MAX = 64;

  private RdseedJni() {}

  /** 1 when CPUID leaf 7 reports RDSEED, else 0. */
  static native int cpuid();

  /**
   * Replaces the instruction, process-wide, by a cyclic script of (value, carry) results; {@code n
   * = 0} restores the real instruction. For fault tests. Returns 0, or -1 for a bad {@code n}.
   */
  static native int script(long[] values, byte[] carry, int n);

  /**
   * Fills up to {@code words} 64-bit little-endian words into {@code out} from {@code off}, with at
   * most {@code maxTries} instructions per word. {@code state} is {previous word, CF=0 events,
   * instructions}: the first is checked and updated, the other two are added to. {@code status[0]}
   * gets why the fill stopped early ({@link #OK} if it did not). Only good words are written.
   *
   * @return the good words written, or -1 when an argument is out of range
   */
  static native int fill(byte[] out, int off, int words, int maxTries, long[] state, int[] status);
}
