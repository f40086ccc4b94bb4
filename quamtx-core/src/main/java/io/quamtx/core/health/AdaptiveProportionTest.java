package io.quamtx.core.health;

/**
 * SP 800-90B section 4.4.2: within each window of {@code window} samples, the first is the
 * reference; the alarm fires when the count of samples equal to it, the reference included, reaches
 * {@code cutoff}. Not thread-safe; one instance per source.
 */
public final class AdaptiveProportionTest {
  private final int window;
  private final int cutoff;
  private long reference;
  private int seen;
  private int matches;

  /**
   * A test with the given window and cutoff, usually from {@link HealthCutoffs}.
   *
   * @throws IllegalArgumentException unless {@code 2 <= cutoff <= window}
   */
  public AdaptiveProportionTest(int window, int cutoff) {
    if (window < 2 || cutoff < 2 || cutoff > window) {
      throw new IllegalArgumentException(
          "APT window " + window + " and cutoff " + cutoff + "; need 2 <= cutoff <= window");
    }
    this.window = window;
    this.cutoff = cutoff;
  }

  /**
   * Feeds one sample.
   *
   * @return the match count when it has just reached the cutoff, else 0
   */
  public int add(long sample) {
    if (seen == 0) {
      reference = sample;
      matches = 1;
      seen = 1;
      return 0;
    }
    if (sample == reference) {
      matches++;
      if (matches >= cutoff) {
        int count = matches;
        reset();
        return count;
      }
    }
    if (++seen == window) {
      seen = 0;
    }
    return 0;
  }

  /**
   * Feeds the byte samples {@code buf[off .. off+len-1]}, each masked with {@code mask}, stopping
   * at the first alarm. Equivalent to {@link #add(long)} on each.
   *
   * @return the index in {@code buf} of the sample whose match brought the count to {@link
   *     #cutoff()} (the test then starts a new window), or -1 when none did
   */
  public int scan(byte[] buf, int off, int len, int mask) {
    int n = seen;
    int m = matches;
    long ref = reference;
    for (int i = off, end = off + len; i < end; i++) {
      int v = buf[i] & mask;
      if (n == 0) {
        ref = v;
        m = 1;
        n = 1;
        continue;
      }
      if (v == ref && ++m >= cutoff) {
        reset();
        return i;
      }
      if (++n == window) {
        n = 0;
      }
    }
    seen = n;
    matches = m;
    reference = ref;
    return -1;
  }

  /** Starts a new window with the next sample. */
  public void reset() {
    seen = 0;
    matches = 0;
  }

  /** The window length W. */
  public int window() {
    return window;
  }

  /** The count C at which the test alarms. */
  public int cutoff() {
    return cutoff;
  }
}
