package io.quamtx.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code nextBytes} throughput of QUAMTX beside the JDK, BouncyCastle and ACCP generators, in the
 * same run. One instance is shared by all benchmark threads ({@code -t 1} and {@code -t 2}), as an
 * application shares one {@code SecureRandom}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SecureRandomBench -t 1 -rf json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecureRandomBench {
  @Param({
    "QUAMTX",
    "SUN-DRBG",
    "SUN-HASH256",
    "SUN-HMAC256",
    "SUN-CTR256",
    "NativePRNG",
    "NativePRNGNonBlocking",
    "SHA1PRNG",
    "BC-HASH256",
    "BC-HMAC256",
    "BC-CTR256",
    "BC-DEFAULT",
    "ACCP-DEFAULT"
  })
  public String variant;

  private SecureRandom random;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    random = SecureRandomVariants.create(variant);
    random.nextBytes(new byte[32]);
  }

  /** Each thread's own output array, so threads share only the generator. */
  @State(Scope.Thread)
  public static class Buffer {
    @Param({"32", "4096", "65536"})
    public int size;

    byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() {
      bytes = new byte[size];
    }
  }

  /**
   * Calls and CPU time of each benchmark thread, so that ops per CPU-second can be read beside the
   * wall-clock rate on a machine shared with other jobs.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public long calls;
    public long cpuNanos;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
      calls = 0;
      cpuNanos = 0;
      start = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
    }
  }

  @Benchmark
  public byte[] nextBytes(Buffer buffer, Cpu cpu) {
    random.nextBytes(buffer.bytes);
    cpu.calls++;
    return buffer.bytes;
  }
}
