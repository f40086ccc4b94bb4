package io.quamtx.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.Durability;
import io.quamtx.provenance.LogOptions;
import io.quamtx.provenance.ProvenanceLog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends per second and process CPU per append for one durability mode and thread count, beside
 * the JMH figures: JMH counts wall-clock operations of the calling threads only, while this counts
 * the CPU of the whole process (the flusher thread's syncs and checkpoint signatures included).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.quamtx.benchmarks.ProvenanceAppendRun MODE THREADS
 * SECONDS [WARMUP_SECONDS]}, MODE one of strict, batched, batchedUnsigned, async. Prints one
 * tab-separated line: mode, threads, appends per second, process CPU microseconds per append.
 */
public final class ProvenanceAppendRun {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProvenanceAppendRun() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int threads = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    double warmup = args.length > 3 ? Double.parseDouble(args[3]) : seconds;
    Path dir = Files.createTempDirectory("quamtx-append-run");
    try (ProvenanceLog log = ProvenanceLog.open(dir, options(mode))) {
      DrawEvent event = event(mode);
      run(log, event, threads, warmup);
      long cpu0 = OS.getProcessCpuTime();
      long t0 = System.nanoTime();
      long n = run(log, event, threads, seconds);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpuUs = (OS.getProcessCpuTime() - cpu0) / 1e3 / n;
      System.out.printf("%s\t%d\t%.0f\t%.1f%n", mode, threads, n / wall, cpuUs);
    } finally {
      ProvenanceLogBenchmark.deleteTree(dir);
    }
  }

  static LogOptions options(String mode) {
    LogOptions.Builder b = LogOptions.builder();
    switch (mode) {
      case "strict" -> b.drawDurability(Durability.STRICT);
      case "batched" -> b.drawDurability(Durability.BATCHED);
      case "async" -> b.reseedDurability(Durability.ASYNC);
      case "batchedUnsigned" -> b.drawDurability(Durability.BATCHED).signEachRecord(false);
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    return b.build();
  }

  static DrawEvent event(String mode) {
    return "async".equals(mode)
        ? new DrawEvent("reseed", "bench", "conditioned", 48, 0.9, "bench", "pass", null)
        : new DrawEvent("draw", "bench", "hardware", 32, 1.0, "bench", "pass", new byte[32]);
  }

  private static long run(ProvenanceLog log, DrawEvent event, int threads, double seconds)
      throws InterruptedException {
    LongAdder count = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> ts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> appendUntil(log, event, stop, count));
      ts.add(t);
      t.start();
    }
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread t : ts) {
      t.join();
    }
    return count.sum();
  }

  private static void appendUntil(
      ProvenanceLog log, DrawEvent event, AtomicBoolean stop, LongAdder count) {
    try {
      while (!stop.get()) {
        log.append(event);
        count.increment();
      }
    } catch (Exception e) {
      throw new IllegalStateException("append failed", e);
    }
  }
}
