package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceClass;
import io.quamtx.core.reservoir.Contribution;
import io.quamtx.core.reservoir.Reservoir;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first seed comes from the first healthy source to open, and is recorded as such. */
final class FirstSeedTest {
  private final Engines.Recorder recorder = new Engines.Recorder();

  private QuamtxEngine engine(Duration seedDeadline, SimulatedDriver... drivers) throws Exception {
    return QuamtxEngine.builder()
        .reservoir(Reservoir.fromDrivers(List.of(drivers), 4096))
        .provenance(recorder)
        .seedDeadline(seedDeadline)
        .build();
  }

  @Test
  void simulatedSlowSourceDoesNotDelayTheFirstSeedFromAFastHealthyOne() throws Exception {
    SimulatedDriver slow = new SimulatedDriver(new SimulatedSource("slow", 1), true);
    SimulatedDriver fast = new SimulatedDriver(new SimulatedSource("fast", 2), false);
    try (QuamtxEngine engine = engine(Duration.ofSeconds(5), slow, fast)) {
      SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine));
      r.nextBytes(new byte[32]);

      assertFalse(slow.opened, "the first seed waited for the slow source to open");
      assertEquals(2, recorder.count("instantiate"), "entropy input and nonce");
      for (SeedRecord s : recorder.records) {
        assertEquals(SourceClass.CONDITIONED, s.outputClass());
        assertEquals(s.bytes() * 8, s.minEntropyBits());
        assertEquals(
            List.of("fast"), s.contributions().stream().map(Contribution::sourceId).toList());
      }
      slow.release.countDown();
    }
  }

  /**
   * Drivers held back behind a quick one open when a thread asks for its second block, not during
   * the first request, and well before the reservoir's one-second grace.
   */
  @Test
  void simulatedLaterDriversOpenOnceTheFirstOutputHasBeenServed() throws Exception {
    SimulatedDriver quick = new SimulatedDriver(new SimulatedSource("quick", 4), false);
    quick.quick = true;
    SimulatedDriver later = new SimulatedDriver(new SimulatedSource("later", 5), false);
    long start = System.nanoTime();
    try (QuamtxEngine engine = engine(Duration.ofSeconds(5), quick, later)) {
      SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine));
      byte[] out = new byte[32];
      r.nextBytes(out);
      Thread.sleep(50);
      boolean early = System.nanoTime() - start < 400_000_000L;
      boolean openedDuringFirst = later.opened;
      for (int i = 0; i < ThreadDrbg.FIRST_BLOCK / out.length; i++) {
        r.nextBytes(out);
      }
      long asked = System.nanoTime();
      long end = asked + 5_000_000_000L;
      while (!later.opened && System.nanoTime() < end) {
        Thread.sleep(2);
      }
      assertTrue(later.opened, "the later driver never opened");
      if (early) {
        // Only then can the release be told apart from the grace.
        assertFalse(openedDuringFirst, "opened during the first request");
        assertTrue(System.nanoTime() - start < 900_000_000L, "opened only when the grace ended");
      }
    }
  }

  @Test
  void simulatedOnlySourceFailingItsStartUpTestFailsClosedAndRecordsNothing() throws Exception {
    SimulatedSource stuck = new SimulatedSource("stuck", 3);
    stuck.stuck = true;
    try (QuamtxEngine engine = engine(Duration.ofMillis(300), new SimulatedDriver(stuck, false))) {
      SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine));
      QuamtxUnavailableException e =
          assertThrows(QuamtxUnavailableException.class, () -> r.nextBytes(new byte[32]));
      assertTrue(e.getMessage().contains("stuck="), e.getMessage());
      assertTrue(recorder.records.isEmpty(), "a record without material: " + recorder.records);
    }
  }
}
