package io.quamtx.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.Durability;
import io.quamtx.provenance.LogOptions;
import io.quamtx.provenance.ProvenanceLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * CPU and wall-clock time of {@link ProvenanceLog#verify} per record, beside the JMH figure: JMH
 * draws ids at random from a small log, so after warm-up it mostly repeats records. This run fills
 * a log with signed draws, then verifies every record once in a shuffled order (cold: no record
 * seen before) and then all of them again (warm).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.quamtx.benchmarks.ProvenanceVerifyRun RECORDS}.
 * Prints tab-separated lines: pass, records, wall µs per verify, process CPU µs per verify, CPU µs
 * per verify of the verifying thread alone (no JIT, GC or flusher).
 */
public final class ProvenanceVerifyRun {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();

  private ProvenanceVerifyRun() {}

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("quamtx-verify-run");
    LogOptions options = LogOptions.builder().drawDurability(Durability.BATCHED).build();
    try (ProvenanceLog log = ProvenanceLog.open(dir, options)) {
      List<String> ids = fill(log, records);
      log.checkpoint();
      Collections.shuffle(ids, new Random(1));
      pass("warmup", log, ids.subList(0, Math.min(2000, ids.size())));
      pass("cold", log, ids.subList(Math.min(2000, ids.size()), ids.size()));
      pass("warm", log, ids);
      pass("warm", log, ids);
    } finally {
      ProvenanceLogBenchmark.deleteTree(dir);
    }
  }

  private static List<String> fill(ProvenanceLog log, int records) throws Exception {
    DrawEvent e = new DrawEvent("draw", "bench", "hardware", 32, 1.0, "b", "pass", new byte[32]);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < records / 32; i++) {
                    ids.add(log.append(e).provenanceId());
                  }
                } catch (Exception ex) {
                  throw new IllegalStateException("append failed", ex);
                }
              });
      ts.add(th);
      th.start();
    }
    for (Thread th : ts) {
      th.join();
    }
    return new ArrayList<>(ids);
  }

  private static void pass(String name, ProvenanceLog log, List<String> ids) throws Exception {
    long cpu0 = OS.getProcessCpuTime();
    long own0 = THREAD.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (String id : ids) {
      if (!log.verify(id).orElseThrow().valid()) {
        throw new IllegalStateException("record " + id + " does not verify");
      }
    }
    double wall = (System.nanoTime() - t0) / 1e3 / ids.size();
    double cpu = (OS.getProcessCpuTime() - cpu0) / 1e3 / ids.size();
    double own = (THREAD.getCurrentThreadCpuTime() - own0) / 1e3 / ids.size();
    System.out.printf("%s\t%d\t%.1f\t%.1f\t%.1f%n", name, ids.size(), wall, cpu, own);
  }
}
