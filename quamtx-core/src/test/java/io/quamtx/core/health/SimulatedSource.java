package io.quamtx.core.health;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import java.time.Duration;
import java.util.function.LongSupplier;

/** A simulated source: samples come from a seeded generator, so every fault is repeatable. */
final class SimulatedSource implements EntropySource {
  private final int bits;
  private final double claim;
  private final LongSupplier samples;
  private long produced;

  SimulatedSource(int bits, double claim, LongSupplier samples) {
    this.bits = bits;
    this.claim = claim;
    this.samples = samples;
  }

  long produced() {
    return produced;
  }

  @Override
  public String id() {
    return "simulated";
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.HARDWARE;
  }

  @Override
  public int sampleBits() {
    return bits;
  }

  @Override
  public double claimedMinEntropy() {
    return claim;
  }

  @Override
  public int read(byte[] buf, int off, int len, Duration deadline) {
    int width = bits == 64 ? 8 : 1;
    int n = Math.min(len, 256) / width * width;
    for (int i = off; i < off + n; i += width) {
      long v = samples.getAsLong();
      for (int b = 0; b < width; b++) {
        buf[i + b] = (byte) (v >>> (8 * b));
      }
      produced++;
    }
    return n;
  }

  @Override
  public void close() {}
}
