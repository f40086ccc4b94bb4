package io.quamtx.benchmarks;

import io.quamtx.core.health.AdaptiveProportionTest;
import io.quamtx.core.health.HealthCutoffs;
import io.quamtx.core.health.RepetitionCountTest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SP 800-90B continuous health tests (RCT and APT together) over byte samples, one sample per
 * byte, reported per byte; the goal is 1 GB/s or more per core, so the tests cost nothing next to
 * the sources. Baseline in the same run: producing the same bytes with the JDK's DRBG.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HealthTestsBenchmark {
  private static final int SIZE = 64 * 1024;

  @Param({"8", "4", "1"})
  int bits;

  private byte[] samples;
  private RepetitionCountTest rct;
  private AdaptiveProportionTest apt;
  private SecureRandom drbg;

  @Setup(Level.Trial)
  public void setUp() throws NoSuchAlgorithmException {
    samples = new byte[SIZE];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < SIZE; i++) {
      samples[i] = (byte) r.nextInt(1 << bits);
    }
    HealthCutoffs cutoffs = HealthCutoffs.create(bits, bits * 0.9, 20);
    rct = new RepetitionCountTest(cutoffs.rctCutoff());
    apt = new AdaptiveProportionTest(cutoffs.window(), cutoffs.aptCutoff());
    drbg = SecureRandom.getInstance("DRBG");
  }

  /** RCT and APT on every byte of a 64 KiB chunk; throughput is in bytes. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int rctAndApt() {
    int alarms = 0;
    byte[] s = samples;
    for (int i = 0; i < s.length; i++) {
      long v = s[i] & 0xff;
      alarms += rct.add(v) | apt.add(v);
    }
    return alarms;
  }

  /** The same tests through the bulk entry point the wrapped sources use. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int rctAndAptBulk() {
    return rct.scan(samples, 0, SIZE, 0xff) + apt.scan(samples, 0, SIZE, 0xff);
  }

  /** Baseline: the JDK's DRBG producing the same number of bytes. */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public byte[] baselineSunDrbg() {
    drbg.nextBytes(samples);
    return samples;
  }
}
