package io.quamtx.drivers.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;

/**
 * Serial-port set-up for CDC-ACM noise sources: exclusive use, raw mode, speed, DTR and flush.
 *
 * <p>Exclusive use takes two locks: {@code flock(LOCK_EX)}, which every process (root included)
 * must respect and which tools such as {@code flock(1)} take too, and {@code TIOCEXCL}, which makes
 * the kernel refuse further opens by unprivileged processes.
 */
public final class Tty {
  private Tty() {}

  /**
   * Takes the port for this descriptor alone.
   *
   * @throws SourceUnavailableException BUSY when another open file holds the lock
   */
  public static void lockExclusive(int fd, String label) throws SourceUnavailableException {
    try {
      LibC.INSTANCE.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB);
    } catch (LastErrorException e) {
      Reason reason = e.getErrorCode() == Errno.EAGAIN ? Reason.BUSY : Reason.UNSPECIFIED;
      throw new SourceUnavailableException(
          reason, label + ": port held by another process (flock: " + Errno.describe(e) + ")", e);
    }
    ioctlOrThrow(fd, LibC.TIOCEXCL, label, "TIOCEXCL");
  }

  /** Raw mode (no echo, no line editing, 8 bits, no flow control) at {@code baud}. */
  public static void makeRaw(int fd, int baud, String label) throws SourceUnavailableException {
    try (Memory termios = new Memory(LibC.TERMIOS_SIZE)) {
      termios.clear();
      LibC.INSTANCE.tcgetattr(fd, termios);
      LibC.INSTANCE.cfmakeraw(termios);
      int speed = speedConstant(baud);
      LibC.INSTANCE.cfsetispeed(termios, speed);
      LibC.INSTANCE.cfsetospeed(termios, speed);
      LibC.INSTANCE.tcsetattr(fd, LibC.TCSANOW, termios);
    } catch (LastErrorException e) {
      throw new SourceUnavailableException(
          Reason.UNSPECIFIED, label + ": cannot set raw mode: " + Errno.describe(e), e);
    }
  }

  /**
   * Raises DTR, which TrueRNG devices wait for before streaming.
   *
   * @return false when the line has no modem control (a pseudo-terminal), true when raised
   */
  public static boolean raiseDtr(int fd) {
    try (Memory bits = new Memory(4)) {
      bits.setInt(0, LibC.TIOCM_DTR);
      LibC.INSTANCE.ioctl(fd, LibC.TIOCMBIS, bits);
      return true;
    } catch (LastErrorException e) {
      return false;
    }
  }

  /** Discards whatever the device sent before now. */
  public static void flushInput(int fd, String label) throws SourceUnavailableException {
    try {
      LibC.INSTANCE.tcflush(fd, LibC.TCIFLUSH);
    } catch (LastErrorException e) {
      throw new SourceUnavailableException(
          Reason.UNSPECIFIED, label + ": tcflush failed: " + Errno.describe(e), e);
    }
  }

  /**
   * The termios speed constant of {@code baud}.
   *
   * @throws IllegalArgumentException naming the rate when termios has none for it
   */
  public static int speedConstant(int baud) {
    return switch (baud) {
      case 110 -> 3;
      case 300 -> 7;
      case 1200 -> 9;
      case 2400 -> 11;
      case 4800 -> 12;
      case 9600 -> 13;
      case 19200 -> 14;
      case 38400 -> 15;
      case 57600 -> 4097;
      case 115200 -> 4098;
      case 230400 -> 4099;
      default -> throw new IllegalArgumentException("no termios speed for " + baud + " baud");
    };
  }

  /** The baud rate of a termios speed constant, or -1. */
  public static int baudOf(int speedConstant) {
    for (int baud : new int[] {110, 300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200}) {
      if (speedConstant(baud) == speedConstant) {
        return baud;
      }
    }
    return speedConstant == 4099 ? 230400 : -1;
  }

  private static void ioctlOrThrow(int fd, long request, String label, String name)
      throws SourceUnavailableException {
    try {
      LibC.INSTANCE.ioctl(fd, request, null);
    } catch (LastErrorException e) {
      throw new SourceUnavailableException(
          Reason.UNSPECIFIED, label + ": " + name + " failed: " + Errno.describe(e), e);
    }
  }
}
