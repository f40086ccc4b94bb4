package io.quamtx.cli;

import io.quamtx.core.SourceClass;
import io.quamtx.core.Sources;
import io.quamtx.core.reservoir.Reservoir;
import io.quamtx.jca.Assessments;
import io.quamtx.jca.FallbackPolicy;
import io.quamtx.jca.ProvenanceLogSink;
import io.quamtx.jca.QuamtxEngine;
import io.quamtx.jca.QuamtxProvider;
import io.quamtx.provenance.ProvenanceLog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx stream}: writes raw output of one class to stdout, for statistical test suites.
 * Every seed and hardware draw behind it is recorded in the provenance log of {@code --home}.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "Write N raw bytes of one output class to stdout (for rngtest, dieharder).")
final class StreamCommand implements Callable<Integer> {
  private static final int CHUNK = 1 << 16;

  @ParentCommand QuamtxCommand parent;

  @Option(names = "--bytes", required = true, paramLabel = "N", description = "Bytes to write.")
  long bytes;

  @Option(
      names = "--class",
      defaultValue = "conditioned",
      paramLabel = "CLASS",
      description = "hardware, conditioned or fallback (default: ${DEFAULT-VALUE}).")
  String outputClass;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Longest wait on the sources for one chunk (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (bytes < 1) {
      throw new IllegalArgumentException("--bytes " + bytes + ": must be at least 1");
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": must be at least 1");
    }
    SourceClass cls = SourceClass.fromLabel(outputClass);
    Home.checkUsable(parent.home());
    try (ProvenanceLog log = ProvenanceLog.open(parent.home());
        QuamtxEngine engine = engine(cls, new ProvenanceLogSink(log))) {
      String service = cls == SourceClass.HARDWARE ? QuamtxProvider.HARDWARE : "QUAMTX";
      write(SecureRandom.getInstance(service, new QuamtxProvider(engine)));
    }
    return 0;
  }

  /** Fallback output comes from an engine with no sources and the OS fallback allowed. */
  private QuamtxEngine engine(SourceClass cls, ProvenanceLogSink sink) throws Exception {
    Duration wait = Duration.ofSeconds(timeoutSeconds);
    QuamtxEngine.Builder b =
        QuamtxEngine.builder().provenance(sink).seedDeadline(wait).hardwareDeadline(wait);
    if (cls == SourceClass.FALLBACK) {
      return b.fallback(FallbackPolicy.OS).build();
    }
    // A large reservoir keeps hardware streams to one record per 64 KiB chunk.
    // Assessed claims of live sources apply here as in every other draw from this home.
    Path home = parent.home();
    return b.reservoir(
            Reservoir.fromDrivers(
                Sources.drivers(), 4 * CHUNK, s -> Assessments.apply(home, s.id(), s)))
        .build();
  }

  private void write(SecureRandom random) throws IOException {
    byte[] buf = new byte[CHUNK];
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    try {
      for (long left = bytes; left > 0; left -= buf.length) {
        if (left < buf.length) {
          buf = new byte[(int) left];
        }
        random.nextBytes(buf);
        out.write(buf);
      }
      out.flush();
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
