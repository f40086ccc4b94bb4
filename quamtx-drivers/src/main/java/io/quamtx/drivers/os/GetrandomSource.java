package io.quamtx.drivers.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.drivers.internal.Errno;
import io.quamtx.drivers.internal.LibC;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel's generator through {@code getrandom(2)}: a fallback, never hardware.
 *
 * <p>The output is a cryptographic generator's, not noise, so its health tests can only catch a
 * broken kernel interface; its class is {@link SourceClass#FALLBACK} and every record made from it
 * says so. Reads use {@code GRND_NONBLOCK}, so a kernel whose pool is not yet initialised makes the
 * read wait in short sleeps until its deadline instead of blocking without one.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread.
 */
public final class GetrandomSource implements EntropySource {
  /** Bits per byte claimed: an assumption about the kernel generator, not an assessment. */
  public static final double CLAIMED_MIN_ENTROPY = 7.0;

  private static final int CHUNK = 64 * 1024;
  private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Memory buffer = new Memory(CHUNK);
  private volatile boolean closed;

  private GetrandomSource() {}

  /**
   * Opens the OS source.
   *
   * @throws SourceUnavailableException ABSENT when the C library or kernel lacks getrandom
   */
  public static GetrandomSource open() throws SourceUnavailableException {
    GetrandomSource source = new GetrandomSource();
    source.probe();
    return source;
  }

  private void probe() throws SourceUnavailableException {
    try {
      LibC.INSTANCE.getrandom(buffer, 1, LibC.GRND_NONBLOCK);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != Errno.EAGAIN) {
        throw new SourceUnavailableException(
            Reason.ABSENT, "os: getrandom failed: " + Errno.describe(e), e);
      }
    } catch (UnsatisfiedLinkError e) {
      throw new SourceUnavailableException(Reason.ABSENT, "os: no getrandom in libc: " + e, e);
    }
  }

  @Override
  public String id() {
    return "os";
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.FALLBACK;
  }

  @Override
  public int sampleBits() {
    return 8;
  }

  @Override
  public double claimedMinEntropy() {
    return CLAIMED_MIN_ENTROPY;
  }

  @Override
  public String minEntropyBasis() {
    return "assumed: kernel CSPRNG output, not assessed";
  }

  /**
   * Reads up to {@code len} bytes, at most 64 KiB per call.
   *
   * @throws SourceUnavailableException TIMED_OUT when the kernel pool is still uninitialised at the
   *     deadline, CLOSED, or UNSPECIFIED with the errno
   */
  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    Objects.checkFromIndexSize(off, len, buf.length);
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      if (closed) {
        throw new SourceUnavailableException(Reason.CLOSED, "os: closed");
      }
      long n = getrandom(Math.min(len, CHUNK));
      if (n > 0) {
        buffer.read(0, buf, off, (int) n);
        return (int) n;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new SourceUnavailableException(
            Reason.TIMED_OUT, "os: the kernel generator is not initialised yet");
      }
      LockSupport.parkNanos(Math.min(left, WAIT_NANOS));
    }
  }

  private synchronized long getrandom(int len) throws SourceUnavailableException {
    try {
      return LibC.INSTANCE.getrandom(buffer, len, LibC.GRND_NONBLOCK);
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      throw new SourceUnavailableException(
          Reason.UNSPECIFIED, "os: getrandom failed: " + Errno.describe(errno), e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
