package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verified-signature cache, the random pool and the table hex of the append path. */
class VerifiedSignaturesTest {
  private static final Ed25519Key KEY = Ed25519Key.fromSeed(new byte[32]);
  private static final Map<String, Object> ENTRY = Keyring.entryOf(KEY, "2026-01-01T00:00:00.000Z");

  @Test
  void aCachedSignatureStillRejectsAnyChangedByte() {
    VerifiedSignatures cache = new VerifiedSignatures(4);
    byte[] message = Records.signedBytes(new byte[32]);
    byte[] sig = KEY.sign(message);
    assertTrue(cache.verify(ENTRY, message, sig));
    assertTrue(cache.verify(ENTRY, message, sig.clone()));

    byte[] badSig = sig.clone();
    badSig[5] ^= 1;
    assertFalse(cache.verify(ENTRY, message, badSig));
    byte[] badMessage = message.clone();
    badMessage[badMessage.length - 1] ^= 1;
    assertFalse(cache.verify(ENTRY, badMessage, sig));
    Map<String, Object> otherKey =
        Keyring.entryOf(Ed25519Key.fromSeed(filled(7)), "2026-01-01T00:00:00.000Z");
    assertFalse(cache.verify(otherKey, message, sig));
  }

  @Test
  void evictedSignaturesAreVerifiedAgain() {
    VerifiedSignatures cache = new VerifiedSignatures(2);
    for (int i = 0; i < 5; i++) {
      byte[] m = Records.signedBytes(filled(i));
      assertTrue(cache.verify(ENTRY, m, KEY.sign(m)));
    }
    byte[] m = Records.signedBytes(filled(0));
    assertTrue(cache.verify(ENTRY, m, KEY.sign(m)));
    assertThrows(IllegalArgumentException.class, () -> new VerifiedSignatures(0));
  }

  @Test
  void theRandomPoolHandsOutEachByteOnceFromASimulatedGenerator() {
    byte[] stream = new byte[100];
    RandomPool pool = new RandomPool(new SecureRandomStub(stream), 64);
    byte[] a = pool.take(40);
    byte[] b = pool.take(8);
    byte[] c = pool.take(40);
    assertArrayEquals(Arrays.copyOfRange(stream, 0, 40), a);
    assertArrayEquals(Arrays.copyOfRange(stream, 40, 48), b);
    assertArrayEquals(Arrays.copyOfRange(stream, 0, 40), c, "refilled from the next fill");
    assertEquals(100, pool.take(100).length);
    assertThrows(IllegalArgumentException.class, () -> new RandomPool(new SecureRandom(), 0));
  }

  @Test
  void tableHexMatchesTheFormatter() {
    Random r = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] h = new byte[32];
      r.nextBytes(h);
      String want = "sha256:" + HexFormat.of().formatHex(h);
      assertEquals(want, Hashes.text(h));
      assertEquals(
          want, new String(Hashes.textAscii(h), java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertNotEquals(Hashes.text(new byte[32]), Hashes.text(filled(1)));
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) v);
    return b;
  }

  /** Simulated generator: every fill repeats the same known stream, so the test can predict it. */
  private static final class SecureRandomStub extends SecureRandom {
    private final byte[] stream;

    SecureRandomStub(byte[] stream) {
      new Random(9).nextBytes(stream);
      this.stream = stream;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(stream, 0, bytes, 0, Math.min(bytes.length, stream.length));
    }
  }
}
