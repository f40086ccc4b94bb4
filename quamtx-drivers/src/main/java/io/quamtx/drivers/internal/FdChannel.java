package io.quamtx.drivers.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A non-blocking file descriptor read with a deadline, that another thread can close at any time.
 *
 * <p>Design: the descriptor is opened with {@code O_NONBLOCK}; a read that gets {@code EAGAIN}
 * waits in {@code poll(2)} on the descriptor and on an {@code eventfd} that {@link #close()}
 * signals, so a closing thread wakes a waiting reader at once. Some devices (the hw_random core
 * among them) have no poll method and always look readable; a second {@code EAGAIN} in a row
 * therefore sleeps on the eventfd alone, with a backoff from {@value #MIN_BACKOFF_MICROS} us up to
 * {@value #MAX_BACKOFF_MICROS} us, rather than spin. The descriptors are released by whichever of
 * the closing thread and the reader leaves last, so a descriptor number is never reused under a
 * running read.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread.
 */
public final class FdChannel implements AutoCloseable {
  static final int MIN_BACKOFF_MICROS = 500;
  static final int MAX_BACKOFF_MICROS = 16_000;
  private static final int CHUNK = 64 * 1024;
  private static final int POLL_SLICE_MILLIS = 1000;

  private final String label;
  private final int fd;
  private final int wakeFd;
  private final Memory buffer = new Memory(CHUNK);
  private final Memory pollFds = new Memory(16);
  private final ReentrantLock readLock = new ReentrantLock();
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicLong emptyReads = new AtomicLong();
  private final AtomicLong readCalls = new AtomicLong();
  private volatile boolean closed;

  private FdChannel(String label, int fd, int wakeFd) {
    this.label = label;
    this.fd = fd;
    this.wakeFd = wakeFd;
  }

  /**
   * Opens {@code path} for reading without blocking.
   *
   * @param label names the source in messages, such as {@code hwrng /dev/hwrng}
   * @param extraFlags added to {@code O_RDONLY | O_NONBLOCK | O_CLOEXEC}
   * @param deniedHint appended to the message when permission is denied: how to fix it
   * @throws SourceUnavailableException ABSENT, DENIED, BUSY or GONE with the errno
   */
  public static FdChannel open(String label, String path, int extraFlags, String deniedHint)
      throws SourceUnavailableException {
    int flags = LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC | extraFlags;
    int fd;
    try {
      fd = LibC.INSTANCE.open(path, flags);
    } catch (LastErrorException e) {
      throw openFailure(label, path, e, deniedHint);
    }
    try {
      return new FdChannel(label, fd, LibC.INSTANCE.eventfd(0, LibC.EFD_CLOEXEC));
    } catch (LastErrorException e) {
      LibC.INSTANCE.close(fd);
      throw new SourceUnavailableException(
          Reason.UNSPECIFIED, label + ": eventfd failed: " + Errno.describe(e), e);
    }
  }

  /** The open(2) failure as a typed exception naming the path, the errno and the fix. */
  public static SourceUnavailableException openFailure(
      String label, String path, LastErrorException e, String deniedHint) {
    int errno = e.getErrorCode();
    String base = label + ": cannot open " + path + ": " + Errno.describe(errno);
    if (Errno.meansDenied(errno)) {
      return new SourceUnavailableException(Reason.DENIED, base + "; " + deniedHint, e);
    }
    if (errno == Errno.EBUSY) {
      return new SourceUnavailableException(Reason.BUSY, base + " (held by another process)", e);
    }
    boolean absent = errno == Errno.ENOENT || errno == Errno.ENODEV || errno == Errno.ENXIO;
    Reason reason = absent ? Reason.ABSENT : Reason.UNSPECIFIED;
    return new SourceUnavailableException(reason, base, e);
  }

  /** The descriptor, for ioctl calls made by the owner before reading starts. */
  public int fd() {
    return fd;
  }

  /**
   * Reads at least one and at most {@code len} bytes, waiting until {@code deadlineNanos} (a {@link
   * System#nanoTime()} value).
   *
   * @throws SourceUnavailableException GONE on EOF, ENODEV, EIO or ENXIO; TIMED_OUT at the
   *     deadline; CLOSED after {@link #close()}
   */
  public int read(byte[] buf, int off, int len, long deadlineNanos)
      throws SourceUnavailableException {
    readLock.lock();
    try {
      return readLocked(buf, off, Math.min(len, CHUNK), deadlineNanos);
    } finally {
      readLock.unlock();
      if (closed) {
        release();
      }
    }
  }

  private int readLocked(byte[] buf, int off, int len, long deadlineNanos)
      throws SourceUnavailableException {
    long backoffMicros = 0;
    while (true) {
      ensureOpen();
      long n = readOnce(len);
      if (n > 0) {
        buffer.read(0, buf, off, (int) n);
        return (int) n;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new SourceUnavailableException(
            Reason.TIMED_OUT, label + ": no data before the deadline");
      }
      if (backoffMicros == 0) {
        waitReadable(left);
        backoffMicros = MIN_BACKOFF_MICROS;
      } else {
        sleepWakeable(Math.min(TimeUnit.MICROSECONDS.toNanos(backoffMicros), left));
        backoffMicros = Math.min(backoffMicros * 2, MAX_BACKOFF_MICROS);
      }
    }
  }

  /** One read(2): the count, or 0 on EAGAIN/EINTR. */
  private long readOnce(int len) throws SourceUnavailableException {
    readCalls.incrementAndGet();
    try {
      long n = LibC.INSTANCE.read(fd, buffer, len);
      if (n == 0) {
        throw new SourceUnavailableException(Reason.GONE, label + ": end of stream");
      }
      return n;
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        emptyReads.incrementAndGet();
        return 0;
      }
      Reason reason = Errno.meansGone(errno) ? Reason.GONE : Reason.UNSPECIFIED;
      throw new SourceUnavailableException(
          reason, label + ": read failed: " + Errno.describe(errno), e);
    }
  }

  private void waitReadable(long nanos) throws SourceUnavailableException {
    pollFds.setInt(0, fd);
    pollFds.setInt(4, LibC.POLLIN);
    pollFds.setInt(8, wakeFd);
    pollFds.setInt(12, LibC.POLLIN);
    poll(2, nanos);
  }

  private void sleepWakeable(long nanos) throws SourceUnavailableException {
    pollFds.setInt(0, wakeFd);
    pollFds.setInt(4, LibC.POLLIN);
    poll(1, nanos);
  }

  private void poll(int count, long nanos) throws SourceUnavailableException {
    long millis = Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(nanos), POLL_SLICE_MILLIS));
    try {
      LibC.INSTANCE.poll(pollFds, count, (int) millis);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != Errno.EINTR) {
        throw new SourceUnavailableException(
            Reason.UNSPECIFIED, label + ": poll failed: " + Errno.describe(e), e);
      }
    }
  }

  private void ensureOpen() throws SourceUnavailableException {
    if (closed) {
      throw new SourceUnavailableException(Reason.CLOSED, label + ": closed");
    }
  }

  /** read(2) calls that found nothing ready (EAGAIN). */
  public long emptyReads() {
    return emptyReads.get();
  }

  /** read(2) calls made so far, the figure that shows whether a reader spins. */
  public long readCalls() {
    return readCalls.get();
  }

  /**
   * Writes all of {@code data}, waiting for room until {@code deadlineNanos}.
   *
   * @throws SourceUnavailableException GONE on a device error, TIMED_OUT, CLOSED
   */
  public void write(byte[] data, long deadlineNanos) throws SourceUnavailableException {
    try (Memory out = new Memory(Math.max(1, data.length))) {
      out.write(0, data, 0, data.length);
      int done = 0;
      while (done < data.length) {
        ensureOpen();
        done += writeOnce(out, done, data.length - done);
        if (done < data.length) {
          waitWritable(deadlineNanos);
        }
      }
    }
  }

  private int writeOnce(Memory out, int from, int count) throws SourceUnavailableException {
    try {
      return (int) LibC.INSTANCE.write(fd, out.share(from), count);
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == Errno.EAGAIN || errno == Errno.EINTR) {
        return 0;
      }
      Reason reason = Errno.meansGone(errno) ? Reason.GONE : Reason.UNSPECIFIED;
      throw new SourceUnavailableException(
          reason, label + ": write failed: " + Errno.describe(errno), e);
    }
  }

  private void waitWritable(long deadlineNanos) throws SourceUnavailableException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SourceUnavailableException(Reason.TIMED_OUT, label + ": write timed out");
    }
    try (Memory fds = new Memory(8)) {
      fds.setInt(0, fd);
      fds.setInt(4, LibC.POLLOUT);
      LibC.INSTANCE.poll(fds, 1, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    } catch (LastErrorException e) {
      // EINTR: the loop retries the write.
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Wakes a blocked reader, which then throws CLOSED; returns without waiting for it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    wake();
    if (readLock.tryLock()) {
      try {
        release();
      } finally {
        readLock.unlock();
      }
    }
  }

  private void wake() {
    try (Memory one = new Memory(8)) {
      one.setLong(0, 1);
      LibC.INSTANCE.write(wakeFd, one, 8);
    } catch (LastErrorException e) {
      // The eventfd counter is full only if it was already signalled: the reader wakes anyway.
    }
  }

  private void release() {
    if (released.compareAndSet(false, true)) {
      closeQuietly(fd);
      closeQuietly(wakeFd);
    }
  }

  private static void closeQuietly(int descriptor) {
    try {
      LibC.INSTANCE.close(descriptor);
    } catch (LastErrorException e) {
      // Nothing useful remains to do with a descriptor that will not close.
    }
  }
}
