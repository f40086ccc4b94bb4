package io.quamtx.benchmarks;

import com.sun.jna.Memory;
import io.quamtx.core.EntropySource;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.drivers.hwrng.HwrngSource;
import io.quamtx.drivers.internal.LibC;
import io.quamtx.drivers.internal.NativeLoader;
import io.quamtx.drivers.internal.RdseedShim;
import io.quamtx.drivers.os.GetrandomSource;
import io.quamtx.drivers.rdseed.RdseedSource;
import java.io.FileInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each real source read through its quamtx driver, beside the simplest loop that reads the same
 * source, in the same run. One operation fills {@value #BLOCK} bytes; bytes per second is the score
 * times {@value #BLOCK}.
 *
 * <p>Baselines: RDSEED spinning on the carry flag in C with no checks; {@code /dev/hwrng} through a
 * blocking {@link FileInputStream}; {@code getrandom(2)} called straight into native memory.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SourceRate -rf json}. Needs root for
 * {@code /dev/hwrng}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 10)
public class SourceRateBenchmark {
  static final int BLOCK = 4096;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final byte[] buf = new byte[BLOCK];
  private final Memory native4k = new Memory(BLOCK);
  private RdseedSource rdseed;
  private HealthTestedSource rdseedTested;
  private RdseedShim rawShim;
  private HwrngSource hwrng;
  private FileInputStream hwrngStream;
  private GetrandomSource os;

  @Setup
  public void open() throws Exception {
    rdseed = RdseedSource.open(RdseedSource.DEFAULT_MAX_TRIES, 32, DEADLINE);
    rdseedTested =
        HealthTestedSource.wrap(RdseedSource.open(RdseedSource.DEFAULT_MAX_TRIES, 32, DEADLINE));
    rawShim = NativeLoader.load("quamtx_rdseed", RdseedShim.class);
    hwrng = HwrngSource.open();
    hwrngStream = new FileInputStream("/dev/hwrng");
    os = GetrandomSource.open();
  }

  @TearDown
  public void close() throws IOException {
    rdseed.close();
    rdseedTested.source().close();
    hwrng.close();
    hwrngStream.close();
    os.close();
  }

  private byte[] fill(EntropySource source) throws SourceUnavailableException {
    for (int have = 0; have < BLOCK; ) {
      have += source.read(buf, have, BLOCK - have, DEADLINE);
    }
    return buf;
  }

  @Benchmark
  public byte[] rdseedDriver() throws SourceUnavailableException {
    return fill(rdseed);
  }

  @Benchmark
  public byte[] rdseedDriverHealthTested() throws SourceUnavailableException, HealthTestException {
    for (int have = 0; have < BLOCK; ) {
      have += rdseedTested.read(buf, have, BLOCK - have, DEADLINE);
    }
    return buf;
  }

  @Benchmark
  public Memory rdseedRawLoop() {
    rawShim.quamtx_rdseed_raw(native4k, BLOCK / 8);
    return native4k;
  }

  @Benchmark
  public byte[] hwrngDriver() throws SourceUnavailableException {
    return fill(hwrng);
  }

  @Benchmark
  public byte[] hwrngRawLoop() throws IOException {
    for (int have = 0; have < BLOCK; ) {
      have += hwrngStream.read(buf, have, BLOCK - have);
    }
    return buf;
  }

  @Benchmark
  public byte[] osDriver() throws SourceUnavailableException {
    return fill(os);
  }

  @Benchmark
  public Memory osRawLoop() {
    LibC.INSTANCE.getrandom(native4k, BLOCK, 0);
    return native4k;
  }
}
