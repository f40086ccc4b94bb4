package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import java.security.SecureRandomParameters;
import java.security.SecureRandomSpi;
import java.util.function.Supplier;

/**
 * {@code SecureRandom.QUAMTX-HARDWARE}: full-entropy bytes straight from the reservoir, each
 * request a recorded draw. Never falls back to the operating system.
 *
 * <p>Thread-safe. Blocks while the sources refill, up to the engine's hardware deadline, then
 * throws {@link QuamtxUnavailableException}. Output is bounded by the sources' rate.
 */
final class HardwareSpi extends SecureRandomSpi {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<QuamtxEngine> engine;

  /** {@code engine} may still be starting; it is asked for at the first request. */
  HardwareSpi(Supplier<QuamtxEngine> engine, SecureRandomParameters params) {
    if (params != null) {
      throw new IllegalArgumentException(
          "QUAMTX-HARDWARE takes no parameters, got " + params.getClass().getName());
    }
    this.engine = engine;
  }

  static byte[] hardwareBytes(QuamtxEngine engine, int n, String purpose) {
    if (n < 0) {
      throw new IllegalArgumentException("negative byte count " + n);
    }
    byte[] out = new byte[n];
    int chunk =
        engine.reservoir() == null ? 1024 : Math.max(32, engine.reservoir().highWater() / 2);
    try {
      for (int pos = 0; pos < n; pos += chunk) {
        int len = Math.min(chunk, n - pos);
        byte[] b = engine.draw(len, purpose, true, engine.hardwareDeadline(), false).bytes();
        System.arraycopy(b, 0, out, pos, len);
        java.util.Arrays.fill(b, (byte) 0);
      }
    } catch (EntropyException e) {
      java.util.Arrays.fill(out, (byte) 0);
      throw new QuamtxUnavailableException("QUAMTX-HARDWARE: " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  protected void engineNextBytes(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    byte[] b = hardwareBytes(engine.get(), bytes.length, "hardware");
    System.arraycopy(b, 0, bytes, 0, b.length);
    java.util.Arrays.fill(b, (byte) 0);
  }

  /** Accepted and ignored: hardware output has no state to mix into (see DIFFERENCES.md). */
  @Override
  protected void engineSetSeed(byte[] seed) {}

  @Override
  protected byte[] engineGenerateSeed(int numBytes) {
    return hardwareBytes(engine.get(), numBytes, "generate-seed");
  }

  @Override
  public String toString() {
    return "QUAMTX-HARDWARE,HMAC-SHA-256 conditioned,full entropy";
  }
}
