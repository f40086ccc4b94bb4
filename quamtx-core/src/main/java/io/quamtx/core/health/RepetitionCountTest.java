package io.quamtx.core.health;

/**
 * SP 800-90B section 4.4.1: alarms when a run of {@code cutoff} identical consecutive samples is
 * seen. Not thread-safe; one instance per source.
 */
public final class RepetitionCountTest {
  private final int cutoff;
  private long last;
  private int run;

  /**
   * A test alarming at runs of {@code cutoff} identical samples, usually from {@link
   * HealthCutoffs}.
   *
   * @throws IllegalArgumentException if {@code cutoff < 2}
   */
  public RepetitionCountTest(int cutoff) {
    if (cutoff < 2) {
      throw new IllegalArgumentException("RCT cutoff " + cutoff + "; must be at least 2");
    }
    this.cutoff = cutoff;
  }

  /**
   * Feeds one sample.
   *
   * @return the run length when it has just reached the cutoff, else 0
   */
  public int add(long sample) {
    if (run > 0 && sample == last) {
      run++;
      if (run >= cutoff) {
        int seen = run;
        reset();
        return seen;
      }
      return 0;
    }
    last = sample;
    run = 1;
    return 0;
  }

  /**
   * Feeds the byte samples {@code buf[off .. off+len-1]}, each masked with {@code mask}, stopping
   * at the first alarm. Equivalent to {@link #add(long)} on each, but fast enough to cost nothing
   * next to a source.
   *
   * @return the index in {@code buf} of the sample that completed a run of {@link #cutoff()}
   *     identical samples (the test is then reset), or -1 when none did
   */
  public int scan(byte[] buf, int off, int len, int mask) {
    int end = off + len;
    int i = off;
    long spread = Words.spread(mask);
    while (i < end) {
      // eight samples at once while no two neighbours are equal, the common case for good sources
      if (run == 1 && i + 8 <= end) {
        long w = Words.read(buf, i) & spread;
        if ((w & 0xff) != last && !Words.hasZeroByte((w ^ (w >>> 8)) | 0xff00000000000000L)) {
          last = w >>> 56;
          i += 8;
          continue;
        }
      }
      int v = buf[i] & mask;
      run = v == last ? run + 1 : 1;
      last = v;
      if (run >= cutoff) {
        reset();
        return i;
      }
      i++;
    }
    return -1;
  }

  /** Forgets the current run, as after samples have been discarded. */
  public void reset() {
    run = 0;
  }

  /** The run length C at which the test alarms. */
  public int cutoff() {
    return cutoff;
  }
}
