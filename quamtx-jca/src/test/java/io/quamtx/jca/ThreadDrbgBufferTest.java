package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generate-ahead buffer hands out exactly the DRBG's output, one generate request per block:
 * checked against a twin DRBG instantiated from the same fixed entropy input.
 */
final class ThreadDrbgBufferTest {
  private static final byte[] PS = "buffer-test".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONE = new byte[0];
  private final Engines.Recorder recorder = new Engines.Recorder();
  private final QuamtxEngine engine = Engines.simulated(recorder, new SimulatedSource("sim", 5));

  @AfterEach
  void close() {
    engine.close();
  }

  private static DrbgConfig config() {
    return DrbgConfig.builder().reseedInterval(ThreadDrbg.HARD_RESEED).build();
  }

  private static byte[] twin(Drbg drbg, int len) throws Exception {
    byte[] out = new byte[len];
    drbg.generate(out, 0, len, NONE, false);
    return out;
  }

  @Test
  void midSizedRequestsAreSlicesOfOneLargeGeneratePerBlock() throws Exception {
    ThreadDrbg t = new ThreadDrbg(engine, config(), PS, Engines.counter());
    Drbg twin = Drbg.instantiate(config(), Engines.counter(), PS);
    byte[] first = twin(twin, ThreadDrbg.LARGE_BLOCK);
    byte[] second = twin(twin, ThreadDrbg.LARGE_BLOCK);
    int n = 4096;
    for (int i = 0; i < ThreadDrbg.LARGE_BLOCK / n; i++) {
      byte[] out = new byte[n];
      t.nextBytes(out);
      assertArrayEquals(Arrays.copyOfRange(first, i * n, i * n + n), out, "slice " + i);
    }
    byte[] next = new byte[ThreadDrbg.BUFFERED];
    t.nextBytes(next);
    assertArrayEquals(Arrays.copyOf(second, next.length), next, "the block after the key update");
  }

  @Test
  void theFirstBlockIsShortAndTheNextSmallBlocksAreFull() throws Exception {
    ThreadDrbg t = new ThreadDrbg(engine, config(), PS, Engines.counter());
    Drbg twin = Drbg.instantiate(config(), Engines.counter(), PS);
    byte[] first = twin(twin, ThreadDrbg.FIRST_BLOCK);
    byte[] second = twin(twin, ThreadDrbg.SMALL_BLOCK);
    int n = 32;
    for (int i = 0; i < ThreadDrbg.FIRST_BLOCK / n; i++) {
      byte[] out = new byte[n];
      t.nextBytes(out);
      assertArrayEquals(Arrays.copyOfRange(first, i * n, i * n + n), out, "first block " + i);
    }
    for (int i = 0; i < ThreadDrbg.SMALL_BLOCK / n; i++) {
      byte[] out = new byte[n];
      t.nextBytes(out);
      assertArrayEquals(Arrays.copyOfRange(second, i * n, i * n + n), out, "second block " + i);
    }
    byte[] third = new byte[n];
    t.nextBytes(third);
    assertArrayEquals(Arrays.copyOf(twin(twin, ThreadDrbg.SMALL_BLOCK), n), third);
  }

  @Test
  void smallRequestsUseTheSmallBlockAndLargeOnesBypassTheBuffer() throws Exception {
    ThreadDrbg t = new ThreadDrbg(engine, config(), PS, Engines.counter());
    Drbg twin = Drbg.instantiate(config(), Engines.counter(), PS);
    byte[] small = twin(twin, ThreadDrbg.FIRST_BLOCK);
    byte[] out = new byte[32];
    t.nextBytes(out);
    assertArrayEquals(Arrays.copyOf(small, 32), out);
    // A request above the buffered limit is its own generate; the rest of the block is dropped.
    byte[] big = new byte[ThreadDrbg.BUFFERED + 1];
    t.nextBytes(big);
    assertArrayEquals(twin(twin, big.length), big);
    // The next mid-sized request switches to the large block, generated afresh.
    byte[] mid = new byte[ThreadDrbg.SMALL + 1];
    t.nextBytes(mid);
    assertArrayEquals(Arrays.copyOf(twin(twin, ThreadDrbg.LARGE_BLOCK), mid.length), mid);
  }

  @Test
  void additionalInputRequestsAreTheirOwnGenerateAndDropTheBuffer() throws Exception {
    ThreadDrbg t = new ThreadDrbg(engine, config(), PS, Engines.counter());
    Drbg twin = Drbg.instantiate(config(), Engines.counter(), PS);
    twin(twin, ThreadDrbg.FIRST_BLOCK);
    t.nextBytes(new byte[16]);
    byte[] addin = {1, 2, 3};
    byte[] out = new byte[64];
    t.generate(out, addin, false);
    byte[] expected = new byte[64];
    twin.generate(expected, 0, 64, addin, false);
    assertArrayEquals(expected, out);
    byte[] after = new byte[16];
    t.nextBytes(after);
    assertArrayEquals(Arrays.copyOf(twin(twin, ThreadDrbg.SMALL_BLOCK), 16), after);
  }
}
