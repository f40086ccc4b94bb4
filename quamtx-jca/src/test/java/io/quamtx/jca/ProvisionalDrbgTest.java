package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropyException;
import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import io.quamtx.core.drbg.EntropyInput;
import io.quamtx.core.drbg.Mechanism;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Before AES has loaded a thread starts on a Hash_DRBG (SHA-256), and at the first block after it
 * has loaded the configured CTR_DRBG takes over: both checked against twin DRBGs from the same
 * fixed entropy input, and both instantiations recorded.
 */
final class ProvisionalDrbgTest {
  private static final byte[] PS = "provisional-test".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONE = new byte[0];
  private final Engines.Recorder recorder = new Engines.Recorder();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final QuamtxEngine engine =
      Engines.simulated(recorder, ready::get, new SimulatedSource("sim", 7));

  @AfterEach
  void close() {
    engine.close();
  }

  private static DrbgConfig.Builder config() {
    return DrbgConfig.builder().reseedInterval(ThreadDrbg.HARD_RESEED);
  }

  private static byte[] generate(Drbg drbg, int len) throws Exception {
    byte[] out = new byte[len];
    drbg.generate(out, 0, len, NONE, false);
    return out;
  }

  @Test
  void hashDrbgServesUntilAesLoadsThenTheCtrDrbgFromFreshInput() throws Exception {
    ThreadDrbg t = new ThreadDrbg(engine, config().build(), PS, Engines.counter());
    assertTrue(t.provisional());
    assertEquals(Mechanism.HASH_SHA_256, t.current().mechanism());
    assertEquals(256, t.current().strength());

    Drbg hashTwin =
        Drbg.instantiate(config().mechanism(Mechanism.HASH_SHA_256).build(), Engines.counter(), PS);
    byte[] first = generate(hashTwin, ThreadDrbg.FIRST_BLOCK);
    byte[] out = new byte[32];
    for (int i = 0; i < ThreadDrbg.FIRST_BLOCK / 32; i++) {
      t.nextBytes(out);
      assertArrayEquals(Arrays.copyOfRange(first, i * 32, i * 32 + 32), out, "slice " + i);
    }

    ready.set(true);
    EntropyInput rest = Engines.counter();
    rest.get(256, 48, 48, false); // the entropy input and nonce the Hash_DRBG took
    Drbg ctrTwin = Drbg.instantiate(config().build(), rest, PS);
    byte[] next = generate(ctrTwin, ThreadDrbg.SMALL_BLOCK);
    t.nextBytes(out);
    assertArrayEquals(Arrays.copyOf(next, 32), out);
    assertFalse(t.provisional());
    assertEquals(Mechanism.CTR_AES_256, t.current().mechanism());
  }

  @Test
  void aShortfallWhenAesIsReadyKeepsTheHashDrbgServingUntilMaterialReturns() throws Exception {
    AtomicBoolean shortOfMaterial = new AtomicBoolean();
    EntropyInput counter = Engines.counter();
    EntropyInput input =
        (bits, min, max, pr) -> {
          if (shortOfMaterial.get()) {
            throw new EntropyException("simulated empty reservoir");
          }
          return counter.get(bits, min, max, pr);
        };
    ThreadDrbg t = new ThreadDrbg(engine, config().build(), PS, input);
    Drbg hashTwin =
        Drbg.instantiate(config().mechanism(Mechanism.HASH_SHA_256).build(), Engines.counter(), PS);
    generate(hashTwin, ThreadDrbg.FIRST_BLOCK);
    byte[] out = new byte[32];
    for (int i = 0; i < ThreadDrbg.FIRST_BLOCK / 32; i++) {
      t.nextBytes(out);
    }

    ready.set(true);
    shortOfMaterial.set(true);
    t.nextBytes(out);
    assertArrayEquals(Arrays.copyOf(generate(hashTwin, ThreadDrbg.SMALL_BLOCK), 32), out);
    assertTrue(t.provisional(), "the shortfall ended the Hash_DRBG");

    shortOfMaterial.set(false);
    for (int i = 1; i < ThreadDrbg.SMALL_BLOCK / 32; i++) {
      t.nextBytes(out);
    }
    assertTrue(t.provisional(), "switched before the block boundary");
    t.nextBytes(out);
    assertFalse(t.provisional());
    assertEquals(Mechanism.CTR_AES_256, t.current().mechanism());
  }

  @Test
  void bothInstantiationsAreRecordedAndNothingChangesOnceAesIsReady() throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine));
    r.nextBytes(new byte[32]);
    assertEquals(2, recorder.count(ThreadDrbg.PROVISIONAL), "entropy input and nonce");
    assertEquals(0, recorder.count("instantiate"));

    drain(r, ThreadDrbg.FIRST_BLOCK);
    assertEquals(0, recorder.count("instantiate"), "AES not ready: the Hash_DRBG goes on");

    ready.set(true);
    // The switch does not wait for material; on a busy machine the harvester may still be
    // refilling.
    awaitFill(64);
    drain(r, ThreadDrbg.SMALL_BLOCK);
    assertEquals(2, recorder.count("instantiate"), "the CTR_DRBG's entropy input and nonce");
    r.nextBytes(new byte[ThreadDrbg.LARGE_BLOCK]);
    assertEquals(2, recorder.count("instantiate"));
    assertEquals(2, recorder.count(ThreadDrbg.PROVISIONAL));
  }

  /** Waits until the reservoir holds at least {@code bytes}, at most 10 s. */
  private void awaitFill(int bytes) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (engine.reservoir().fill() < bytes && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    assertTrue(engine.reservoir().fill() >= bytes, "reservoir still below " + bytes + " bytes");
  }

  /** Draws {@code bytes} in 32-byte requests, so that the small generate-ahead blocks refill. */
  private static void drain(SecureRandom r, int bytes) {
    for (int i = 0; i < bytes / 32; i++) {
      r.nextBytes(new byte[32]);
    }
  }

  @Test
  void anEngineWithoutAReadinessCheckStartsOnTheCtrDrbg() throws Exception {
    try (QuamtxEngine plain = Engines.simulated(recorder, new SimulatedSource("sim", 8))) {
      ThreadDrbg t = new ThreadDrbg(plain, config().build(), PS, Engines.counter());
      assertFalse(t.provisional());
      assertEquals(Mechanism.CTR_AES_256, t.current().mechanism());
    }
  }
}
