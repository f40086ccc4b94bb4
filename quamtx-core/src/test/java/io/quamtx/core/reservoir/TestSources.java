package io.quamtx.core.reservoir;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Entropy sources for reservoir tests: simulated ones, and the machine's real /dev/hwrng. */
final class TestSources {
  private TestSources() {}

  /** Simulated: seeded pseudo-random bytes, optionally slowed down; "hardware" by declaration. */
  static final class Simulated implements EntropySource {
    private final String id;
    private final Random random;
    private final long delayMs;
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile boolean stuck;
    volatile boolean unplugged;

    Simulated(String id, long seed, long delayMs) {
      this.id = id;
      this.random = new Random(seed);
      this.delayMs = delayMs;
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
    public int read(byte[] buf, int off, int len, Duration deadline)
        throws SourceUnavailableException {
      pause();
      if (unplugged || closed.getCount() == 0) {
        throw new SourceUnavailableException("simulated source " + id + " unplugged");
      }
      int n = Math.min(len, 64);
      if (stuck) {
        Arrays.fill(buf, off, off + n, (byte) 0x5a);
      } else {
        byte[] tmp = new byte[n];
        random.nextBytes(tmp);
        System.arraycopy(tmp, 0, buf, off, n);
      }
      return n;
    }

    private void pause() throws SourceUnavailableException {
      if (delayMs == 0) {
        return;
      }
      try {
        closed.await(delayMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceUnavailableException("interrupted", e);
      }
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  static final Path HWRNG = Path.of("/dev/hwrng");

  static boolean hwrngReadable() {
    return Files.isReadable(HWRNG);
  }

  /** The real /dev/hwrng, read as a file; claimed 7 bits per byte for these tests. */
  static final class Hwrng implements EntropySource {
    private final RandomAccessFile file;

    Hwrng() throws IOException {
      this.file = new RandomAccessFile(HWRNG.toFile(), "r");
    }

    @Override
    public String id() {
      return "hwrng";
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
    public int read(byte[] buf, int off, int len, Duration deadline)
        throws SourceUnavailableException {
      try {
        int n = file.read(buf, off, len);
        if (n <= 0) {
          throw new SourceUnavailableException("/dev/hwrng returned " + n);
        }
        return n;
      } catch (IOException e) {
        throw new SourceUnavailableException("/dev/hwrng: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        file.close();
      } catch (IOException e) {
        // Closing a character device we only read cannot lose data.
      }
    }
  }
}
