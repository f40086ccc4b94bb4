package io.quamtx.core.reservoir;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
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
    private final SourceClass sourceClass;
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile boolean stuck;
    volatile boolean unplugged;

    Simulated(String id, long seed, long delayMs) {
      this(id, seed, delayMs, SourceClass.HARDWARE);
    }

    Simulated(String id, long seed, long delayMs, SourceClass sourceClass) {
      this.id = id;
      this.random = new Random(seed);
      this.delayMs = delayMs;
      this.sourceClass = sourceClass;
    }

    boolean closed() {
      return closed.getCount() == 0;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public SourceClass sourceClass() {
      return sourceClass;
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

  /**
   * Simulated driver: opens what {@code opener} returns, after {@code release} is counted down (or
   * 5 s pass); {@code opened} is set once open has returned.
   */
  static final class Driver implements SourceDriver {
    private final String id;
    private final boolean available;
    private final Callable<EntropySource> opener;
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean opened;
    volatile boolean openStarted;
    volatile boolean quick;
    volatile Thread openedOn;

    Driver(String id, boolean available, Callable<EntropySource> opener) {
      this.id = id;
      this.available = available;
      this.opener = opener;
    }

    /** A driver that opens at once. */
    static Driver ready(String id, Callable<EntropySource> opener) {
      Driver d = new Driver(id, true, opener);
      d.release.countDown();
      return d;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public int preference() {
      return 0;
    }

    @Override
    public boolean isAvailable() {
      return available;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
      return available
          ? Optional.empty()
          : Optional.of(new SourceUnavailableException("simulated " + id + " is absent"));
    }

    @Override
    public boolean opensQuickly() {
      return quick;
    }

    @Override
    public EntropySource open() throws SourceUnavailableException {
      openStarted = true;
      openedOn = Thread.currentThread();
      try {
        release.await(5, TimeUnit.SECONDS);
        return opener.call();
      } catch (SourceUnavailableException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new SourceUnavailableException("simulated " + id + ": " + e, e);
      } finally {
        opened = true;
      }
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
