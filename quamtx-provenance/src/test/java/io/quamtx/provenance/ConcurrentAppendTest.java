package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceClass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records linked under the lock but signed and written by whichever thread writes the group: every
 * mix of durable draws, asynchronous reseeds, control records and key rotations must still leave a
 * whole chain in sequence order, across segment boundaries.
 */
class ConcurrentAppendTest {
  @TempDir Path dir;

  @Test
  void mixedAppendersLeaveAWholeVerifiableChain() throws Exception {
    LogOptions options =
        LogOptions.builder()
            .drawDurability(Durability.BATCHED)
            .reseedDurability(Durability.ASYNC)
            .batchDelay(Duration.ofMillis(1))
            .checkpointEveryRecords(7)
            .segmentBytes(4096)
            .build();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    try (ProvenanceLog log = ProvenanceLog.open(dir, options)) {
      ExecutorService pool = Executors.newFixedThreadPool(5);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(pool.submit(appends(log, ProvenanceLogTest.draw(32), 60, ids)));
        done.add(pool.submit(appends(log, reseed(), 60, ids)));
      }
      done.add(pool.submit(controls(log, ids)));
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(1 + ids.size() + 2, log.status().records(), "genesis, ids, two rotations");
    }
    FsckReport report = Fsck.check(dir);
    assertTrue(report.ok(), report.problems().toString());
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(dir)) {
      for (String id : ids) {
        Verification v = log.verify(id).orElseThrow();
        assertTrue(v.valid(), id + ": " + v.reason());
      }
    }
  }

  private static DrawEvent reseed() {
    return new DrawEvent("reseed", "rdseed", "conditioned", 48, 0.9, "test-basis", "pass", null);
  }

  private static Callable<Void> appends(ProvenanceLog log, DrawEvent e, int n, List<String> ids) {
    return () -> {
      for (int i = 0; i < n; i++) {
        ids.add(log.append(e).provenanceId());
      }
      return null;
    };
  }

  private static Callable<Void> controls(ProvenanceLog log, List<String> ids) {
    return () -> {
      for (int i = 0; i < 6; i++) {
        ids.add(
            log.appendSourceChange(
                "provider:QUAMTX", SourceClass.HARDWARE, SourceClass.FALLBACK, "test " + i));
        if (i % 3 == 2) {
          log.rotateKey();
        }
      }
      return null;
    };
  }
}
