package io.quamtx.core.health;

import io.quamtx.core.EntropySource;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EntropySource} behind the SP 800-90B continuous health tests.
 *
 * <p>Before the first output, the start-up test runs the Repetition Count and Adaptive Proportion
 * tests over at least {@value #STARTUP_SAMPLES} samples, which are then discarded. Afterwards every
 * sample read is tested; when a test alarms, the whole chunk it was read with is discarded and the
 * source becomes {@link SourceState#DEGRADED}. Test state carries over between reads, so a run
 * split across two reads is still counted.
 *
 * <p>Intermittent versus permanent failure: an alarm is intermittent, and the source returns to
 * {@link SourceState#AVAILABLE} once {@value #RECOVERY_SAMPLES} samples in a row have passed. When
 * {@code permanentAfter} alarms come in a row, each within {@value #RECOVERY_SAMPLES} samples of
 * the previous one, the failure is permanent: the source is {@link SourceState#FAILED} and every
 * later read throws. Counting alarms in a row rather than over the lifetime matters for fast
 * sources: at alpha = 2^-20 a good byte source at 1 GB/s sees a false APT alarm about every half
 * gigabyte, and a lifetime count would fail it within seconds. A real fault (a stuck source, or one
 * value at twice its claimed probability for low claims) alarms within a few windows, well inside
 * the recovery span, and so still reaches {@code FAILED}.
 *
 * <p>{@link #runOnDemandTest(Duration)} repeats the start-up test when an operator asks for it.
 *
 * <p>Not thread-safe: one harvesting thread reads a source.
 */
public final class HealthTestedSource {
  /** Samples the start-up test covers, SP 800-90B section 4.3 item 4. */
  public static final int STARTUP_SAMPLES = 1024;

  /** Samples that must pass in a row after an alarm before the alarm streak is forgotten. */
  public static final int RECOVERY_SAMPLES = 1 << 16;

  /** Told of nothing; a class rather than a lambda, as this is on a fresh JVM's first draw. */
  private static final HealthListener IGNORE =
      new HealthListener() {
        @Override
        public void onAlarm(HealthEvent event) {}
      };

  private final EntropySource source;
  private final HealthCutoffs cutoffs;
  private final int permanentAfter;
  private final HealthListener listener;
  private final Clock clock;
  private final RepetitionCountTest rct;
  private final AdaptiveProportionTest apt;
  private final int sampleBytes;
  private final long sampleMask;
  private final AtomicLong alarms = new AtomicLong();
  private final AtomicLong testedBytes = new AtomicLong();
  private int alarmsInARow;
  private long passedSinceAlarm;
  private volatile SourceState state = SourceState.INITIALIZING;
  private volatile HealthEvent lastAlarm;

  private HealthTestedSource(
      EntropySource source,
      int alphaLog2,
      int permanentAfter,
      HealthListener listener,
      Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.cutoffs = HealthCutoffs.create(source.sampleBits(), source.claimedMinEntropy(), alphaLog2);
    if (permanentAfter < 1) {
      throw new IllegalArgumentException("permanentAfter " + permanentAfter + "; must be >= 1");
    }
    this.permanentAfter = permanentAfter;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = clock;
    this.rct = new RepetitionCountTest(cutoffs.rctCutoff());
    this.apt = new AdaptiveProportionTest(cutoffs.window(), cutoffs.aptCutoff());
    this.sampleBytes = source.sampleBits() == 64 ? 8 : 1;
    this.sampleMask = source.sampleBits() == 64 ? -1L : (1L << source.sampleBits()) - 1;
  }

  /** Wraps {@code source} with the default false-alarm rate and three alarms to failure. */
  public static HealthTestedSource wrap(EntropySource source) {
    return wrap(source, HealthCutoffs.DEFAULT_ALPHA_LOG2, 3, IGNORE);
  }

  /**
   * Wraps {@code source}.
   *
   * @param alphaLog2 the false-alarm rate as {@code alpha = 2^-alphaLog2}, 1 to 40
   * @param permanentAfter alarms in a row (see the class comment) after which the source is {@code
   *     FAILED}
   * @param listener told of every alarm
   */
  public static HealthTestedSource wrap(
      EntropySource source, int alphaLog2, int permanentAfter, HealthListener listener) {
    return wrap(source, alphaLog2, permanentAfter, listener, Clock.systemUTC());
  }

  static HealthTestedSource wrap(
      EntropySource source,
      int alphaLog2,
      int permanentAfter,
      HealthListener listener,
      Clock clock) {
    return new HealthTestedSource(source, alphaLog2, permanentAfter, listener, clock);
  }

  /**
   * Reads up to {@code len} bytes of raw samples that passed the health tests, running the start-up
   * test first if it has not passed yet.
   *
   * @return the number of bytes placed in {@code buf}, at least one whole sample
   * @throws HealthTestException when the source has failed permanently
   * @throws SourceUnavailableException when the source is gone or the deadline passed
   */
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws HealthTestException, SourceUnavailableException {
    long end = System.nanoTime() + deadline.toNanos();
    if (state == SourceState.INITIALIZING) {
      startup(end);
    }
    if (len < sampleBytes) {
      throw new IllegalArgumentException("read of " + len + " bytes; one sample is " + sampleBytes);
    }
    int want = len - len % sampleBytes;
    while (true) {
      ensureNotFailed();
      int n = readSome(buf, off, want, end);
      if (test(buf, off, n)) {
        testedBytes.addAndGet(n);
        return n;
      }
    }
  }

  /**
   * Runs the start-up test again now, over {@value #STARTUP_SAMPLES} fresh samples that are then
   * discarded (SP 800-90B section 4.3 item 6, on-demand testing). Blocks until it passes.
   *
   * @throws HealthTestException when the source fails permanently during the test
   * @throws SourceUnavailableException when the source is gone or the deadline passed
   */
  public void runOnDemandTest(Duration deadline)
      throws HealthTestException, SourceUnavailableException {
    ensureNotFailed();
    startup(System.nanoTime() + deadline.toNanos());
  }

  private void startup(long end) throws HealthTestException, SourceUnavailableException {
    byte[] scratch = new byte[STARTUP_SAMPLES * sampleBytes];
    int passed = 0;
    while (passed < scratch.length) {
      ensureNotFailed();
      int n = readSome(scratch, 0, scratch.length - passed, end);
      passed = test(scratch, 0, n) ? passed + n : 0;
    }
    java.util.Arrays.fill(scratch, (byte) 0);
    if (state == SourceState.INITIALIZING) {
      state = SourceState.AVAILABLE;
    }
  }

  private int readSome(byte[] buf, int off, int len, long end) throws SourceUnavailableException {
    long left = end - System.nanoTime();
    if (left <= 0) {
      throw new SourceUnavailableException("source " + source.id() + " timed out");
    }
    int n = source.read(buf, off, len, Duration.ofNanos(left));
    return n - n % sampleBytes;
  }

  /** Tests the samples in {@code buf}; false when an alarm fired and they must be discarded. */
  private boolean test(byte[] buf, int off, int len) throws HealthTestException {
    if (sampleBytes == 1) {
      return testBytes(buf, off, len);
    }
    for (int i = off; i < off + len; i += sampleBytes) {
      long sample = sampleAt(buf, i);
      int run = rct.add(sample);
      if (run > 0) {
        alarm("RCT", rct.cutoff(), run, buf, off, len);
        return false;
      }
      int count = apt.add(sample);
      if (count > 0) {
        alarm("APT", apt.cutoff(), count, buf, off, len);
        return false;
      }
    }
    passed(len / sampleBytes);
    return len > 0;
  }

  /** The bulk path for byte samples: both tests scan the chunk; the earlier alarm counts. */
  private boolean testBytes(byte[] buf, int off, int len) throws HealthTestException {
    int mask = (int) sampleMask;
    int r = rct.scan(buf, off, len, mask);
    int a = apt.scan(buf, off, len, mask);
    if (r < 0 && a < 0) {
      passed(len);
      return len > 0;
    }
    if (r >= 0 && (a < 0 || r <= a)) {
      alarm("RCT", rct.cutoff(), rct.cutoff(), buf, off, len);
    } else {
      alarm("APT", apt.cutoff(), apt.cutoff(), buf, off, len);
    }
    return false;
  }

  private void passed(int samples) {
    passedSinceAlarm += samples;
    if (alarmsInARow > 0 && passedSinceAlarm >= RECOVERY_SAMPLES) {
      alarmsInARow = 0;
      if (state == SourceState.DEGRADED) {
        state = SourceState.AVAILABLE;
      }
    }
  }

  private long sampleAt(byte[] buf, int i) {
    if (sampleBytes == 1) {
      return buf[i] & sampleMask;
    }
    long v = 0;
    for (int b = 7; b >= 0; b--) {
      v = (v << 8) | (buf[i + b] & 0xff);
    }
    return v;
  }

  private void alarm(String test, int cutoff, int observed, byte[] buf, int off, int len)
      throws HealthTestException {
    java.util.Arrays.fill(buf, off, off + len, (byte) 0);
    rct.reset();
    apt.reset();
    alarms.incrementAndGet();
    passedSinceAlarm = 0;
    boolean permanent = ++alarmsInARow >= permanentAfter;
    HealthEvent event =
        new HealthEvent(source.id(), test, cutoff, observed, permanent, clock.instant());
    lastAlarm = event;
    if (state != SourceState.INITIALIZING || permanent) {
      state = permanent ? SourceState.FAILED : SourceState.DEGRADED;
    }
    listener.onAlarm(event);
    if (permanent) {
      throw new HealthTestException(event);
    }
  }

  private void ensureNotFailed() throws HealthTestException {
    if (state == SourceState.FAILED) {
      throw new HealthTestException(lastAlarm);
    }
  }

  /** The wrapped source. */
  public EntropySource source() {
    return source;
  }

  /** The cutoffs in force. */
  public HealthCutoffs cutoffs() {
    return cutoffs;
  }

  /** The health state: INITIALIZING, AVAILABLE, DEGRADED or FAILED. */
  public SourceState state() {
    return state;
  }

  /** Alarms seen since this wrapper was made. */
  public long alarms() {
    return alarms.get();
  }

  /** Bytes that passed the tests and were handed out. */
  public long testedBytes() {
    return testedBytes.get();
  }

  /** The most recent alarm, or null. */
  public HealthEvent lastAlarm() {
    return lastAlarm;
  }
}
