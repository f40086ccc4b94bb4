package io.quamtx.benchmarks;

import io.quamtx.core.assess.Assessment;
import io.quamtx.core.assess.EntropyAssessment;
import io.quamtx.core.assess.Samples;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One SP 800-90B assessment in a fresh JVM, for timing the whole process with {@code /usr/bin/time}
 * as NIST's tool is timed: {@code AssessCpu iid|nonIid FILE BITS [SEED]}. The IID track runs the
 * standard's 10,000 shuffles from the given seed (default 1); the run stops early exactly where the
 * tool's does, once every statistic's counters are settled.
 */
public final class AssessCpu {
  private AssessCpu() {}

  /** Runs one track and prints the assessed min-entropy (no sample data). */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: AssessCpu iid|nonIid FILE BITS [SEED]");
      System.exit(2);
    }
    Samples s = Samples.read(Path.of(args[1]), Integer.parseInt(args[2]));
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
    Assessment a =
        args[0].equals("iid")
            ? EntropyAssessment.iid(s, false, seed, 10_000)
            : EntropyAssessment.nonIid(s, false);
    System.out.printf("%s %s: %.6f bits per sample%n", a.track(), args[1], a.minEntropy());
  }
}
