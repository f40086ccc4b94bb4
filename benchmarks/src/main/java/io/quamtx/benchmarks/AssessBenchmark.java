package io.quamtx.benchmarks;

import io.quamtx.core.assess.Assessment;
import io.quamtx.core.assess.EntropyAssessment;
import io.quamtx.core.assess.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each SP 800-90B track on a sample file of {@code shared/testdata/90b} (10^6 samples), one
 * assessment per operation. The reference tool's CPU time on the same files is in that folder's
 * {@code expected.json} (for example 19.7 s for the non-IID track on {@code a_uniform8.bin}). Set
 * {@code -Dquamtx.shared.dir} when running from elsewhere than the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class AssessBenchmark {
  @Param({"a_uniform8.bin:8", "d_iid4.bin:4", "b2_biased1_p07.bin:1"})
  String file;

  private Samples samples;

  @Setup
  public void setUp() throws IOException {
    String[] f = file.split(":");
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"), "testdata", "90b");
    if (!Files.isDirectory(dir)) {
      throw new IOException("sample files not found at " + dir + "; set -Dquamtx.shared.dir");
    }
    samples = Samples.read(dir.resolve(f[0]), Integer.parseInt(f[1]));
  }

  /** The non-IID track, initial entropy estimate (ea_non_iid FILE n). */
  @Benchmark
  public Assessment nonIid() {
    return EntropyAssessment.nonIid(samples, false);
  }

  /** The IID track with 10,000 seeded shuffles (ea_iid FILE n). */
  @Benchmark
  public Assessment iid() {
    return EntropyAssessment.iid(samples, false, 1L, 10_000);
  }
}
