package io.quamtx.jca;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/** Simulated hardware source for provider tests: seeded bytes; can be made stuck. */
final class SimulatedSource implements EntropySource {
  private final String id;
  private final Random random;
  volatile boolean stuck;

  SimulatedSource(String id, long seed) {
    this.id = id;
    this.random = new Random(seed);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.HARDWARE;
  }

  @Override
  public int sampleBits() {
    return 8;
  }

  @Override
  public double claimedMinEntropy() {
    return 7.0;
  }

  @Override
  public synchronized int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    int n = Math.min(len, 256);
    if (stuck) {
      Arrays.fill(buf, off, off + n, (byte) 1);
      return n;
    }
    byte[] tmp = new byte[n];
    random.nextBytes(tmp);
    System.arraycopy(tmp, 0, buf, off, n);
    return n;
  }

  @Override
  public void close() {}
}
