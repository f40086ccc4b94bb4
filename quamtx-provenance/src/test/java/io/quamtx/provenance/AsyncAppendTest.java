package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends that do not park their caller: the log's sync thread syncs their groups, alongside
 * blocking appenders, and completes each stage in sequence order once its record is durable.
 */
class AsyncAppendTest {
  @TempDir Path dir;

  private static LogOptions options() {
    return LogOptions.builder()
        .drawDurability(Durability.BATCHED)
        .batchDelay(Duration.ZERO)
        .signEachRecord(false)
        .checkpointEveryRecords(7)
        .segmentBytes(4096)
        .build();
  }

  @Test
  void asynchronousAndBlockingAppendersShareGroupsAndLeaveAWholeChain() throws Exception {
    List<String> ids = new ArrayList<>();
    try (ProvenanceLog log = ProvenanceLog.open(dir, options())) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<List<CompletableFuture<Receipt>>>> async = new ArrayList<>();
      List<Future<List<String>>> blocking = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        async.add(pool.submit(() -> asyncAppends(log, 150)));
        blocking.add(pool.submit(() -> blockingAppends(log, 40)));
      }
      List<Long> completedSeqs = new ArrayList<>();
      for (Future<List<CompletableFuture<Receipt>>> f : async) {
        for (CompletableFuture<Receipt> stage : f.get()) {
          Receipt r = stage.get(10, TimeUnit.SECONDS);
          ids.add(r.provenanceId());
          completedSeqs.add(((Number) r.record().get("seq")).longValue());
        }
      }
      for (Future<List<String>> f : blocking) {
        ids.addAll(f.get());
      }
      pool.shutdown();
      assertEquals(1 + 2 * 150 + 2 * 40, log.status().records(), "genesis and every append");
      assertEquals(300, completedSeqs.stream().distinct().count(), "one record per stage");
    }
    assertTrue(Fsck.check(dir).ok(), Fsck.check(dir).problems().toString());
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(dir)) {
      for (String id : ids) {
        Verification v = log.verify(id).orElseThrow();
        assertTrue(v.valid(), id + ": " + v.reason());
      }
    }
  }

  @Test
  void stagesCompleteInSequenceOrderWithTheRecordAsWritten() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir, options())) {
      List<Long> order = new ArrayList<>();
      List<CompletableFuture<Receipt>> stages = asyncAppends(log, 50);
      for (CompletableFuture<Receipt> s : stages) {
        s.thenAccept(r -> recordOrder(order, r));
      }
      for (CompletableFuture<Receipt> s : stages) {
        Receipt r = s.get(10, TimeUnit.SECONDS);
        Verification v = log.verify(r.provenanceId()).orElseThrow();
        assertTrue(v.valid(), v.reason());
        assertEquals(r.provenanceId(), r.record().get("provenance_id"));
      }
      synchronized (order) {
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order, "stages complete in sequence order");
        assertEquals(50, order.size());
      }
    }
  }

  @Test
  void closeCompletesEveryQueuedStageAndLaterAppendsAreRefused() throws Exception {
    List<CompletableFuture<Receipt>> stages;
    ProvenanceLog log = ProvenanceLog.open(dir, options());
    stages = asyncAppends(log, 100);
    log.close();
    List<String> ids = new ArrayList<>();
    for (CompletableFuture<Receipt> s : stages) {
      assertTrue(s.isDone(), "close waits for queued stages");
      ids.add(s.get().provenanceId());
    }
    assertThrows(ProvenanceException.class, () -> log.appendAsync(ProvenanceLogTest.draw(32)));
    try (ProvenanceLog reopened = ProvenanceLog.openReadOnly(dir)) {
      for (String id : ids) {
        assertTrue(reopened.verify(id).orElseThrow().valid(), id);
      }
    }
  }

  private static void recordOrder(List<Long> order, Receipt r) {
    synchronized (order) {
      order.add(((Number) r.record().get("seq")).longValue());
    }
  }

  private static List<CompletableFuture<Receipt>> asyncAppends(ProvenanceLog log, int n)
      throws ProvenanceException {
    List<CompletableFuture<Receipt>> stages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      stages.add(log.appendAsync(ProvenanceLogTest.draw(32)));
    }
    return stages;
  }

  private static List<String> blockingAppends(ProvenanceLog log, int n) throws ProvenanceException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(log.append(ProvenanceLogTest.draw(32)).provenanceId());
    }
    return ids;
  }
}
