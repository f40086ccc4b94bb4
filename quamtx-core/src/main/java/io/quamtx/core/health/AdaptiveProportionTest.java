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
    int end = off + len;
    int i = off;
    while (i < end) {
      if (seen == 0) {
        reference = buf[i++] & mask;
        matches = 1;
        seen = 1;
        continue;
      }
      int stop = Math.min(end, i + window - seen);
      int m = matches + count(buf, i, stop, mask, (int) reference);
      if (m >= cutoff) {
        return alarmIndex(buf, i, mask);
      }
      matches = m;
      seen = (seen + stop - i) % window;
      i = stop;
    }
    return -1;
  }

  /** Samples equal to {@code ref} in buf[from, to), eight at a time. */
  private static int count(byte[] buf, int from, int to, int mask, int ref) {
    long spread = Words.spread(mask);
    long refs = Words.spread(ref);
    int c = 0;
    int j = from;
    for (; j + 8 <= to; j += 8) {
      c += Words.zeroBytes((Words.read(buf, j) & spread) ^ refs);
    }
    for (; j < to; j++) {
      c += (buf[j] & mask) == ref ? 1 : 0;
    }
    return c;
  }

  /** Walks the window part that alarmed to the exact sample that reached the cutoff. */
  private int alarmIndex(byte[] buf, int from, int mask) {
    int m = matches;
    for (int j = from; ; j++) {
      if ((buf[j] & mask) == reference && ++m >= cutoff) {
        reset();
        return j;
      }
    }
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
