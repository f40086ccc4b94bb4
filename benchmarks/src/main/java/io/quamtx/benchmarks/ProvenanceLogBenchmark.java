package io.quamtx.benchmarks;

import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Verification;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Provenance log throughput per durability mode, and verify latency, on real files with real fsync.
 * Baseline in the same run: a bare 512-byte write plus {@code force} on one file, the floor any
 * durable log pays per sync. Run appends with several threads ({@code -t 16}) to see group commit
 * share syncs.
 *
 * <p>Modes: {@code strict} (draws, one sync per group), {@code batched} (draws, 2 ms gathering),
 * {@code async} (reseeds, unsigned, synced every 50 ms), {@code batchedUnsigned} (draws covered by
 * checkpoints only).
 */
public class ProvenanceLogBenchmark {

  /** A log in a fresh temporary directory, removed afterwards. */
  @State(Scope.Benchmark)
  public static class Log {
    @Param({"strict", "batched", "async", "batchedUnsigned"})
    public String mode;

    Path dir;
    ProvenanceLog log;
    DrawEvent event;

    @Setup(Level.Trial)
    public void open() throws IOException, ProvenanceException {
      dir = Files.createTempDirectory("quamtx-bench");
      log = ProvenanceLog.open(dir, ProvenanceAppendRun.options(mode));
      event = ProvenanceAppendRun.event(mode);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.close();
      deleteTree(dir);
    }
  }

  /** A log of 4,000 signed draws (appended from 16 threads) and their ids, for verify. */
  @State(Scope.Benchmark)
  public static class Filled {
    Path dir;
    ProvenanceLog log;
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());

    @Setup(Level.Trial)
    public void fill() throws Exception {
      dir = Files.createTempDirectory("quamtx-bench-verify");
      log = ProvenanceLog.open(dir);
      DrawEvent e = new DrawEvent("draw", "bench", "hardware", 32, 1.0, "b", "pass", new byte[32]);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(16);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    ids.add(log.append(e).provenanceId());
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      log.checkpoint();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      log.close();
      deleteTree(dir);
    }
  }

  /** One file for the fsync baseline. */
  @State(Scope.Thread)
  public static class RawFile {
    Path dir;
    FileChannel ch;
    ByteBuffer record = ByteBuffer.allocate(512);

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("quamtx-bench-raw");
      ch =
          FileChannel.open(
              dir.resolve("raw"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      ch.close();
      deleteTree(dir);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object append(Log s) throws ProvenanceException {
    return s.log.append(s.event);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Verification verify(Filled s) throws ProvenanceException {
    String id = s.ids.get(ThreadLocalRandom.current().nextInt(s.ids.size()));
    return s.log.verify(id).orElseThrow();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int baselineWriteAndForce(RawFile s) throws IOException {
    s.record.clear();
    int n = s.ch.write(s.record);
    s.ch.force(false);
    return n;
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
