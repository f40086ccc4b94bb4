package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceState;
import java.security.DrbgParameters;
import java.security.DrbgParameters.Capability;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ConditionedRandomTest {
  private final Engines.Recorder recorder = new Engines.Recorder();
  private final SimulatedSource source = new SimulatedSource("sim", 11);
  private final QuamtxEngine engine = Engines.simulated(recorder, source);
  private final QuamtxProvider provider = new QuamtxProvider(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  private SecureRandom random() throws NoSuchAlgorithmException {
    return SecureRandom.getInstance("QUAMTX", provider);
  }

  @Test
  void simulatedOutputIsFreshAcrossSizesAndCallsAndSeedsAreRecorded() throws Exception {
    SecureRandom r = random();
    for (int size : new int[] {1, 16, 32, 255, 256, 257, 4096, 70_000}) {
      byte[] a = new byte[size];
      byte[] b = new byte[size];
      r.nextBytes(a);
      r.nextBytes(b);
      assertFalse(Arrays.equals(a, b), "two calls of " + size + " bytes returned the same");
    }
    assertEquals(2, recorder.count("instantiate"), "entropy input and nonce");
    SeedRecord first = recorder.records.get(0);
    assertEquals(SourceClass.CONDITIONED, first.outputClass());
    assertEquals("sim", first.contributions().get(0).sourceId());
    assertEquals(first.bytes() * 8, first.minEntropyBits());
  }

  @Test
  void simulatedTwoInstancesNeverShareASeed() throws Exception {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    random().nextBytes(a);
    random().nextBytes(b);
    assertFalse(Arrays.equals(a, b));
    assertEquals(4, recorder.count("instantiate"));
  }

  @Test
  void simulatedSetSeedMixesInAndNeverReplaces() throws Exception {
    SecureRandom a = random();
    SecureRandom b = random();
    byte[] seed = new byte[] {1, 2, 3};
    a.setSeed(seed);
    b.setSeed(seed);
    byte[] x = new byte[32];
    byte[] y = new byte[32];
    a.nextBytes(x);
    b.nextBytes(y);
    assertFalse(Arrays.equals(x, y), "same seed gave same output: setSeed replaced the state");
  }

  @Test
  void simulatedDrbgParametersAreHonoured() throws Exception {
    byte[] ps = {9, 9};
    SecureRandom r =
        SecureRandom.getInstance(
            "QUAMTX", DrbgParameters.instantiation(128, Capability.PR_AND_RESEED, ps), provider);
    DrbgParameters.Instantiation got = (DrbgParameters.Instantiation) r.getParameters();
    assertEquals(256, got.getStrength());
    assertArrayEquals(ps, got.getPersonalizationString());
    byte[] out = new byte[48];
    r.nextBytes(out, DrbgParameters.nextBytes(256, true, new byte[] {7}));
    assertEquals(1, recorder.count("prediction-resistance"));
    r.reseed(DrbgParameters.reseed(true, new byte[] {5}));
    assertEquals(2, recorder.count("prediction-resistance"));
    r.reseed();
    assertEquals(1, recorder.count("reseed"));
  }

  @Test
  void unsupportedParametersAreRejected() throws Exception {
    assertThrows(
        NoSuchAlgorithmException.class,
        () ->
            SecureRandom.getInstance(
                "QUAMTX", DrbgParameters.instantiation(512, Capability.NONE, null), provider));
    SecureRandom none =
        SecureRandom.getInstance(
            "QUAMTX", DrbgParameters.instantiation(256, Capability.NONE, null), provider);
    assertThrows(UnsupportedOperationException.class, none::reseed);
    SecureRandom noPr =
        SecureRandom.getInstance(
            "QUAMTX", DrbgParameters.instantiation(256, Capability.RESEED_ONLY, null), provider);
    assertThrows(
        IllegalArgumentException.class,
        () -> noPr.nextBytes(new byte[8], DrbgParameters.nextBytes(256, true, null)));
    assertThrows(
        IllegalArgumentException.class,
        () -> noPr.nextBytes(new byte[8], DrbgParameters.nextBytes(384, false, null)));
  }

  @Test
  void simulatedGenerateSeedIsHardwareAndRecorded() throws Exception {
    byte[] seed = random().generateSeed(100);
    assertEquals(100, seed.length);
    assertTrue(
        recorder.records.stream()
            .anyMatch(
                r ->
                    r.purpose().equals("generate-seed")
                        && r.outputClass() == SourceClass.HARDWARE));
  }

  @Test
  void simulatedHardwareServiceGivesRecordedFullEntropyDraws() throws Exception {
    SecureRandom hw = SecureRandom.getInstance("QUAMTX-HARDWARE", provider);
    byte[] a = new byte[3000];
    hw.nextBytes(a);
    assertFalse(Arrays.equals(new byte[3000], a));
    long bytes =
        recorder.records.stream()
            .filter(r -> r.purpose().equals("hardware"))
            .mapToLong(SeedRecord::bytes)
            .sum();
    assertEquals(3000, bytes);
  }

  @Test
  void simulatedStuckSourceMakesBothServicesFailClosed() throws Exception {
    assertTrue(engine.reservoir().awaitHealthy(Duration.ofSeconds(10)));
    source.stuck = true;
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (engine.reservoir().sources().get(0).state() != SourceState.FAILED) {
      int fill = engine.reservoir().fill();
      try {
        engine.reservoir().take(Math.max(32, fill), Duration.ZERO).wipe();
      } catch (EntropyException e) {
        // Empty or already failed; keep polling the state.
      }
      assertTrue(System.nanoTime() < end, "stuck source never failed");
      Thread.sleep(5);
    }
    QuamtxEngine strict =
        QuamtxEngine.builder()
            .reservoir(engine.reservoir())
            .seedDeadline(Duration.ofMillis(300))
            .hardwareDeadline(Duration.ofMillis(300))
            .build();
    QuamtxProvider p = new QuamtxProvider(strict);
    byte[] out = new byte[32];
    QuamtxUnavailableException e =
        assertThrows(
            QuamtxUnavailableException.class,
            () -> SecureRandom.getInstance("QUAMTX", p).nextBytes(out));
    assertTrue(e.getMessage().contains("fallback policy is deny"), e.getMessage());
    assertArrayEquals(new byte[32], out, "bytes were written despite the failure");
    assertThrows(
        QuamtxUnavailableException.class,
        () -> SecureRandom.getInstance("QUAMTX-HARDWARE", p).nextBytes(out));
  }

  @Test
  void osFallbackIsUsedOnlyWhenAllowedAndIsRecordedSo() throws Exception {
    Engines.Recorder rec = new Engines.Recorder();
    QuamtxEngine noSources =
        QuamtxEngine.builder().fallback(FallbackPolicy.OS).provenance(rec).build();
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(noSources));
    r.nextBytes(new byte[32]);
    assertTrue(rec.records.stream().allMatch(x -> x.outputClass() == SourceClass.FALLBACK));
    assertEquals(2, rec.records.size());
    assertEquals(List.of("hardware->fallback"), rec.changes);
    SecureRandom hw = SecureRandom.getInstance("QUAMTX-HARDWARE", new QuamtxProvider(noSources));
    assertThrows(QuamtxUnavailableException.class, () -> hw.nextBytes(new byte[8]));
  }

  @Test
  void failingProvenanceSinkFailsClosed() throws Exception {
    QuamtxEngine e =
        QuamtxEngine.builder()
            .reservoir(engine.reservoir())
            .provenance(
                r -> {
                  throw new IllegalStateException("log full");
                })
            .build();
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(e));
    QuamtxUnavailableException ex =
        assertThrows(QuamtxUnavailableException.class, () -> r.nextBytes(new byte[16]));
    assertTrue(ex.getMessage().contains("provenance"), ex.getMessage());
  }
}
