package io.quamtx.core.drbg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropyException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class DrbgTest {
  /** Seeded test input: repeatable, counts its calls. */
  private static final class CountingInput implements EntropyInput {
    private final Random random = new Random(7);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] get(int bits, int min, int max, boolean pr) {
      calls.incrementAndGet();
      byte[] b = new byte[min];
      random.nextBytes(b);
      return b;
    }
  }

  @Test
  void strengthAboveMechanismIsRejected() {
    DrbgConfig.Builder b = DrbgConfig.builder().mechanism(Mechanism.CTR_AES_128).strength(256);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(e.getMessage().contains("256"), e.getMessage());
  }

  @Test
  void ownSha256IsOnlyForHashDrbgSha256() {
    for (Mechanism m : Mechanism.values()) {
      DrbgConfig.Builder b = DrbgConfig.builder().mechanism(m).ownSha256(true);
      if (m == Mechanism.HASH_SHA_256) {
        assertTrue(b.build().ownSha256());
        assertTrue(b.build().toString().contains("own SHA-256"), b.build().toString());
      } else {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(m.toString()), e.getMessage());
      }
    }
  }

  @Test
  void badBuilderValuesAreRejectedWithTheValue() {
    assertThrows(IllegalArgumentException.class, () -> DrbgConfig.builder().strength(100));
    assertThrows(IllegalArgumentException.class, () -> DrbgConfig.builder().reseedInterval(0));
    DrbgConfig.Builder b =
        DrbgConfig.builder().mechanism(Mechanism.HASH_SHA_256).derivationFunction(false);
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void shortEntropyInputFailsClosed() {
    DrbgConfig c = DrbgConfig.builder().build();
    EntropyException e =
        assertThrows(
            EntropyException.class,
            () -> Drbg.instantiate(c, (x, n, m, p) -> new byte[3], null0()));
    assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
  }

  @Test
  void failingSourceFailsInstantiate() {
    EntropyInput broken =
        (x, n, m, p) -> {
          throw new EntropyException("no healthy source");
        };
    assertThrows(
        EntropyException.class,
        () -> Drbg.instantiate(DrbgConfig.builder().build(), broken, null0()));
  }

  @Test
  void predictionResistanceNeedsSupport() throws Exception {
    Drbg d = Drbg.instantiate(DrbgConfig.builder().build(), new CountingInput(), null0());
    byte[] out = new byte[16];
    assertThrows(IllegalArgumentException.class, () -> d.generate(out, 0, 16, null0(), true));
  }

  @ParameterizedTest
  @EnumSource(Mechanism.class)
  void reseedsWhenTheIntervalIsReached(Mechanism m) throws Exception {
    CountingInput input = new CountingInput();
    DrbgConfig c = DrbgConfig.builder().mechanism(m).reseedInterval(3).build();
    Drbg d = Drbg.instantiate(c, input, null0());
    byte[] out = new byte[40];
    for (int i = 0; i < 7; i++) {
      d.generate(out);
    }
    assertEquals(2, d.reseeds());
    assertEquals(4, input.calls.get(), "entropy + nonce at instantiate, then two reseeds");
  }

  @ParameterizedTest
  @EnumSource(Mechanism.class)
  void splitRequestEqualsNothingRepeatedAndCountsRequests(Mechanism m) throws Exception {
    DrbgConfig c = DrbgConfig.builder().mechanism(m).build();
    Drbg d = Drbg.instantiate(c, new CountingInput(), null0());
    byte[] big = new byte[DrbgConfig.MAX_REQUEST_BYTES * 2 + 5];
    d.generate(big);
    assertEquals(4, d.reseedCounter());
    byte[] first = Arrays.copyOfRange(big, 0, 64);
    byte[] second = Arrays.copyOfRange(big, DrbgConfig.MAX_REQUEST_BYTES, 64 + (1 << 16));
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void twoInstancesFromDifferentSeedsDiffer() throws Exception {
    CountingInput input = new CountingInput();
    Drbg a = Drbg.instantiate(DrbgConfig.builder().build(), input, null0());
    Drbg b = Drbg.instantiate(DrbgConfig.builder().build(), input, null0());
    byte[] x = new byte[32];
    byte[] y = new byte[32];
    a.generate(x);
    b.generate(y);
    assertFalse(Arrays.equals(x, y));
  }

  @Test
  void uninstantiatedDrbgRefusesWork() throws Exception {
    Drbg d = Drbg.instantiate(DrbgConfig.builder().build(), new CountingInput(), null0());
    d.uninstantiate();
    assertThrows(IllegalStateException.class, () -> d.generate(new byte[1]));
    assertThrows(IllegalStateException.class, () -> d.reseed(null0()));
  }

  private static byte[] null0() {
    return new byte[0];
  }
}
