package io.quamtx.core.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthTestedSourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final List<HealthEvent> events = new ArrayList<>();

  private HealthTestedSource wrap(SimulatedSource source, int permanentAfter) {
    return HealthTestedSource.wrap(
        source, 20, permanentAfter, events::add, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static LongSupplier uniform(int bits, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return bits == 64 ? r::nextLong : () -> r.nextInt(1 << bits);
  }

  @ParameterizedTest(name = "{0}-bit samples")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 64})
  void simulatedGoodSourcePassesStartupAndDelivers(int bits) throws Exception {
    double claim = bits == 64 ? 32 : bits * 0.9;
    HealthTestedSource tested = wrap(new SimulatedSource(bits, claim, uniform(bits, bits)), 3);
    byte[] buf = new byte[4096];
    long total = 0;
    while (total < 200_000) {
      total += tested.read(buf, 0, buf.length, DEADLINE);
    }
    assertEquals(SourceState.AVAILABLE, tested.state());
    assertTrue(events.isEmpty(), () -> "unexpected alarms " + events);
    assertEquals(total, tested.testedBytes());
  }

  @ParameterizedTest(name = "{0}-bit samples")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 64})
  void simulatedConstantSourceFailsRctWithinCutoffSamples(int bits) {
    double claim = bits == 64 ? 64 : bits;
    SimulatedSource stuck = new SimulatedSource(bits, claim, () -> 5L & mask(bits));
    HealthTestedSource tested = wrap(stuck, 1);
    HealthTestException e =
        assertThrows(HealthTestException.class, () -> tested.read(new byte[64], 0, 64, DEADLINE));
    HealthEvent event = e.event();
    int c = HealthCutoffs.rctCutoff(claim, 20);
    assertEquals("RCT", event.test());
    assertEquals(c, event.cutoff());
    assertEquals(c, event.observed());
    assertTrue(event.permanent());
    assertEquals(NOW, event.time());
    assertEquals("simulated", event.sourceId());
    assertTrue(stuck.produced() <= 256, "alarm came from the first chunk read");
    assertEquals(SourceState.FAILED, tested.state());
    assertSame(event, events.get(0));
  }

  @ParameterizedTest(name = "claim H={0} on 8-bit samples")
  @ValueSource(ints = {2, 3})
  void simulatedValueAtTwiceItsProbabilityFailsAptWithinFewWindows(int claim) {
    SplittableRandom r = new SplittableRandom(42 + claim);
    double heavy = 2 * Math.pow(2, -claim);
    SimulatedSource biased =
        new SimulatedSource(8, claim, () -> r.nextDouble() < heavy ? 0 : 1 + r.nextInt(255));
    HealthTestedSource tested = wrap(biased, 3);
    HealthTestException e =
        assertThrows(HealthTestException.class, () -> drain(tested, 10_000_000));
    assertTrue(e.event().permanent());
    assertEquals(3, events.size());
    assertTrue(biased.produced() <= 40 * 512L, "failed after " + biased.produced() + " samples");
    HealthEvent apt = events.stream().filter(ev -> ev.test().equals("APT")).findFirst().get();
    assertEquals(tested.cutoffs().aptCutoff(), apt.cutoff());
    assertEquals(apt.cutoff(), apt.observed());
  }

  @Test
  void simulatedIntermittentFaultDegradesThenRecovers() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    long[] n = {0};
    LongSupplier burst = () -> (++n[0] >= 5000 && n[0] < 5010) ? 9 : r.nextInt(256);
    HealthTestedSource tested = wrap(new SimulatedSource(8, 7, burst), 2);
    byte[] buf = new byte[256];
    while (events.isEmpty()) {
      tested.read(buf, 0, buf.length, DEADLINE);
    }
    assertEquals(SourceState.DEGRADED, tested.state());
    assertFalse(events.get(0).permanent());
    assertEquals("RCT", events.get(0).test());
    drain(tested, HealthTestedSource.RECOVERY_SAMPLES + 512);
    assertEquals(SourceState.AVAILABLE, tested.state());
    assertEquals(1, tested.alarms());
  }

  @Test
  void simulatedRepeatedFaultsArePermanentAndLaterReadsThrow() {
    long[] n = {0};
    LongSupplier stuckLater = () -> ++n[0] < 2000 ? n[0] & 0xff : 0;
    HealthTestedSource tested = wrap(new SimulatedSource(8, 8, stuckLater), 3);
    assertThrows(HealthTestException.class, () -> drain(tested, 1_000_000));
    assertEquals(3, events.size());
    assertFalse(events.get(0).permanent());
    assertFalse(events.get(1).permanent());
    assertTrue(events.get(2).permanent());
    assertEquals(SourceState.FAILED, tested.state());
    HealthTestException again =
        assertThrows(HealthTestException.class, () -> tested.read(new byte[8], 0, 8, DEADLINE));
    assertSame(events.get(2), again.event());
  }

  @Test
  void simulatedAlarmDiscardsTheChunk() throws Exception {
    long[] n = {0};
    LongSupplier source = () -> ++n[0] > 1536 && n[0] < 1600 ? 0x42 : n[0] & 0xff;
    HealthTestedSource tested = wrap(new SimulatedSource(8, 8, source), 3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[256];
    while (out.size() < 4096) {
      out.write(buf, 0, tested.read(buf, 0, buf.length, DEADLINE));
    }
    byte[] all = out.toByteArray();
    for (int i = 0; i + 1 < all.length; i++) {
      assertFalse(all[i] == 0x42 && all[i + 1] == 0x42, "a sample of the faulty run was delivered");
    }
    assertEquals(1, events.size());
    assertEquals(SourceState.DEGRADED, tested.state());
  }

  @Test
  void onDemandTestRunsOverFreshSamples() throws Exception {
    SimulatedSource source = new SimulatedSource(8, 7, uniform(8, 3));
    HealthTestedSource tested = wrap(source, 3);
    tested.runOnDemandTest(DEADLINE);
    long before = source.produced();
    tested.runOnDemandTest(DEADLINE);
    assertEquals(before + HealthTestedSource.STARTUP_SAMPLES, source.produced());
    assertEquals(0, tested.testedBytes());
    assertEquals(SourceState.AVAILABLE, tested.state());
  }

  @Test
  void sixtyFourBitWordsAreLittleEndian() throws Exception {
    long[] n = {0};
    HealthTestedSource tested =
        wrap(new SimulatedSource(64, 32, () -> 0x0102030405060708L * ++n[0]), 3);
    byte[] buf = new byte[8];
    tested.read(buf, 0, 8, DEADLINE);
    byte[] expected = new byte[8];
    ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0102030405060708L * 1025);
    assertArrayEquals(expected, buf);
  }

  private static void drain(HealthTestedSource tested, long bytes) throws Exception {
    byte[] buf = new byte[256];
    for (long done = 0; done < bytes; ) {
      done += tested.read(buf, 0, buf.length, DEADLINE);
    }
  }

  private static long mask(int bits) {
    return bits == 64 ? -1L : (1L << bits) - 1;
  }
}
