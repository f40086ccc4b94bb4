package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads on one shared instance: no repeated output, nothing lost, one seed per thread. */
final class ConcurrencyStressTest {
  private static final int THREADS = 16;
  private static final int CALLS = 20_000;

  @Test
  void simulatedSixteenThreadsShareOneInstanceWithoutRepeats() throws Exception {
    Engines.Recorder recorder = new Engines.Recorder();
    try (QuamtxEngine engine = Engines.simulated(recorder, new SimulatedSource("s", 3))) {
      SecureRandom shared = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine));
      Set<ByteBuffer> seen = ConcurrentHashMap.newKeySet();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        results.add(pool.submit(() -> draw(shared, seen, start)));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(THREADS * CALLS, total);
      assertEquals(THREADS * CALLS, seen.size(), "some 16-byte output repeated");
      assertEquals(THREADS * 2, recorder.count("instantiate"), "one seed and nonce per thread");
    }
  }

  private static int draw(SecureRandom r, Set<ByteBuffer> seen, CountDownLatch start)
      throws InterruptedException {
    start.await();
    int fresh = 0;
    for (int i = 0; i < CALLS; i++) {
      byte[] b = new byte[16];
      r.nextBytes(b);
      fresh += seen.add(ByteBuffer.wrap(b)) ? 1 : 0;
    }
    assertTrue(fresh > 0);
    return fresh;
  }
}
