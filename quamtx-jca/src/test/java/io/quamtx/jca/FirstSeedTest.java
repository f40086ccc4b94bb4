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
