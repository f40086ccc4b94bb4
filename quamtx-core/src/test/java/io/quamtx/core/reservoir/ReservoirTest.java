package io.quamtx.core.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceState;
import io.quamtx.core.health.HealthTestedSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

final class ReservoirTest {
  private static HealthTestedSource simulated(String id, long seed, long delayMs) {
    return HealthTestedSource.wrap(new TestSources.Simulated(id, seed, delayMs));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  /** Drains the reservoir until the source is FAILED: a full lane reads (and tests) nothing. */
  private static void drainUntilFailed(Reservoir r, String id) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (status(r, id).state() != SourceState.FAILED) {
      try {
        r.take(Math.max(32, r.fill())).wipe();
      } catch (EntropyException e) {
        // Empty at this instant, or the lane already failed.
      }
      assertTrue(System.nanoTime() < end, "source " + id + " never failed");
      Thread.sleep(2);
    }
  }

  private static SourceStatus status(Reservoir r, String id) {
    return r.sources().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void simulatedSourceFillsToHighWaterAndHarvestingStops() throws Exception {
    try (Reservoir r =
        Reservoir.builder().source(simulated("a", 1, 0), 1).waterMarks(64, 1024).start()) {
      await(() -> r.fill() == 1024, "high water");
      assertTrue(r.healthy());
      long harvested = status(r, "a").harvestedBytes();
      Thread.sleep(100);
      assertEquals(harvested, status(r, "a").harvestedBytes(), "harvester kept going when full");
      assertEquals(SourceState.AVAILABLE, status(r, "a").state());
    }
  }

  @Test
  void simulatedDrawsFollowTheSharesExactly() throws Exception {
    try (Reservoir r =
        Reservoir.builder()
            .source(simulated("one", 1, 0), 1)
            .source(simulated("three", 2, 0), 3)
            .waterMarks(0, 4096)
            .start()) {
      await(() -> r.fill() == 4096, "both lanes full");
      for (int i = 0; i < 8; i++) {
        Draw d = r.take(4 * 32);
        assertEquals(List.of(32, 96), bytesBySource(d, "one", "three"), "draw " + i);
        assertEquals(4 * 32 * 8, d.minEntropyBits());
      }
      assertEquals(8 * 32, status(r, "one").contributedBytes());
      assertEquals(8 * 96, status(r, "three").contributedBytes());
    }
  }

  private static List<Integer> bytesBySource(Draw d, String... ids) {
    return Arrays.stream(ids)
        .map(
            id ->
                d.contributions().stream()
                    .filter(c -> c.sourceId().equals(id))
                    .mapToInt(Contribution::bytes)
                    .sum())
        .toList();
  }

  @Test
  void simulatedFastSourceCannotStarveSlowOne() throws Exception {
    try (Reservoir r =
        Reservoir.builder()
            .source(simulated("fast", 1, 0), 1)
            .source(simulated("slow", 2, 15), 1)
            .waterMarks(0, 2048)
            .start()) {
      await(() -> status(r, "slow").buffered() >= 4 * 32, "slow lane has 4 blocks");
      assertTrue(status(r, "fast").buffered() <= 1024, "fast lane exceeded its share of space");
      Draw d = r.take(4 * 32);
      assertEquals(List.of(64, 64), bytesBySource(d, "fast", "slow"));
    }
  }

  @Test
  void simulatedStuckSourceFailsAndDrawsComeOnlyFromTheHealthyOne() throws Exception {
    TestSources.Simulated stuck = new TestSources.Simulated("stuck", 3, 0);
    try (Reservoir r =
        Reservoir.builder()
            .source(HealthTestedSource.wrap(stuck), 1)
            .source(simulated("good", 4, 0), 1)
            .waterMarks(0, 1024)
            .start()) {
      await(() -> status(r, "stuck").buffered() > 0, "stuck lane starts");
      stuck.stuck = true;
      drainUntilFailed(r, "stuck");
      Draw d = r.take(256, Duration.ofSeconds(5));
      assertEquals(List.of(256), bytesBySource(d, "good"));
      assertTrue(d.contributions().stream().allMatch(c -> c.sourceId().equals("good")));
    }
  }

  @Test
  void simulatedAllSourcesFailedMakesReservoirUnhealthyAndDrawsFail() throws Exception {
    TestSources.Simulated s = new TestSources.Simulated("only", 5, 0);
    try (Reservoir r =
        Reservoir.builder().source(HealthTestedSource.wrap(s), 1).waterMarks(32, 512).start()) {
      assertTrue(r.awaitHealthy(Duration.ofSeconds(5)));
      s.stuck = true;
      drainUntilFailed(r, "only");
      assertFalse(r.healthy());
      EntropyException e = assertThrows(EntropyException.class, () -> r.take(32));
      assertTrue(e.getMessage().contains("only=FAILED"), e.getMessage());
    }
  }

  @Test
  void simulatedUnpluggedSourceIsUnavailableAndCounted() throws Exception {
    TestSources.Simulated s = new TestSources.Simulated("gone", 6, 0);
    s.unplugged = true;
    try (Reservoir r = Reservoir.builder().source(HealthTestedSource.wrap(s), 1).start()) {
      await(() -> status(r, "gone").errors() > 0, "an error");
      assertFalse(r.healthy());
      assertThrows(EntropyException.class, () -> r.take(32, Duration.ofMillis(50)));
    }
  }

  @Test
  void simulatedCloseStopsABlockedHarvesterPromptly() throws Exception {
    Reservoir r = Reservoir.builder().source(simulated("sleepy", 7, 60_000), 1).start();
    Thread.sleep(50);
    long t0 = System.nanoTime();
    r.close();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1500, "close took " + ms + " ms");
    assertTrue(r.stopped());
    assertThrows(EntropyException.class, () -> r.take(32));
  }

  @Test
  void simulatedDrawsNeverRepeatMaterial() throws Exception {
    try (Reservoir r = Reservoir.builder().source(simulated("u", 8, 0), 1).start()) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        byte[] b = r.take(32, Duration.ofSeconds(5)).bytes();
        assertTrue(seen.add(Arrays.toString(b)), "block repeated at draw " + i);
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Reservoir.builder().waterMarks(10, 5));
    HealthTestedSource s = simulated("x", 9, 0);
    assertThrows(IllegalArgumentException.class, () -> Reservoir.builder().source(s, 0));
    assertThrows(IllegalStateException.class, () -> Reservoir.builder().start());
    try (Reservoir r = Reservoir.builder().source(s, 1).start()) {
      assertThrows(IllegalArgumentException.class, () -> r.take(0));
    }
  }

  @Test
  void realHwrngFillsTheReservoir() throws Exception {
    Assumptions.assumeTrue(TestSources.hwrngReadable(), "/dev/hwrng not readable here");
    try (Reservoir r =
        Reservoir.builder()
            .source(HealthTestedSource.wrap(new TestSources.Hwrng()), 1)
            .waterMarks(64, 256)
            .start()) {
      assertTrue(r.awaitHealthy(Duration.ofSeconds(20)), "hwrng reservoir not healthy in 20 s");
      Draw d = r.take(64);
      assertEquals("hwrng", d.contributions().get(0).sourceId());
      assertFalse(Arrays.equals(new byte[64], d.bytes()));
    }
  }
}
