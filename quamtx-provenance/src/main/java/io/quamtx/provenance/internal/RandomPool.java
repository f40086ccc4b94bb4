package io.quamtx.provenance.internal;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random bytes for record ids and commitment nonces, filled from a {@link SecureRandom} a few
 * kilobytes at a time: the platform generator serializes its callers and costs a system call per
 * request, which per append was a tenth of an asynchronous append's CPU. Each byte is handed out
 * once and zeroed in the pool as it leaves. Thread-safe; blocks only while the generator refills.
 */
public final class RandomPool {
  private final SecureRandom random;
  private final byte[] pool;
  private int used;

  /** A pool of {@code size} bytes drawn from {@code random}. */
  public RandomPool(SecureRandom random, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be positive, got " + size);
    }
    this.random = random;
    this.pool = new byte[size];
    this.used = size;
  }

  /** {@code n} fresh random bytes. */
  public byte[] take(int n) {
    if (n > pool.length) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }
    synchronized (pool) {
      if (pool.length - used < n) {
        random.nextBytes(pool);
        used = 0;
      }
      byte[] b = Arrays.copyOfRange(pool, used, used + n);
      Arrays.fill(pool, used, used + n, (byte) 0);
      used += n;
      return b;
    }
  }
}
