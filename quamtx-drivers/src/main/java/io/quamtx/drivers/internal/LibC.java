package io.quamtx.drivers.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The C library calls the drivers use, with their C names. Linux LP64 only: {@code size_t} and
 * {@code ssize_t} map to Java {@code long}. Calls that set {@code errno} throw {@link
 * LastErrorException} with it.
 */
public interface LibC extends Library {
  /** The loaded library; loading fails with an {@link UnsatisfiedLinkError} off Linux. */
  LibC INSTANCE = Native.load("c", LibC.class);

  int O_RDONLY = 0;
  int O_RDWR = 2;
  int O_NOCTTY = 0400;
  int O_NONBLOCK = 04000;
  int O_CLOEXEC = 02000000;

  short POLLIN = 0x1;

  int EFD_NONBLOCK = 04000;
  int EFD_CLOEXEC = 02000000;

  int GRND_NONBLOCK = 0x1;

  short POLLOUT = 0x4;
  int LOCK_EX = 2;
  int LOCK_NB = 4;
  int TCSANOW = 0;
  int TCIFLUSH = 0;
  long TIOCEXCL = 0x540C;
  long TIOCMBIS = 0x5416;
  int TIOCM_DTR = 0x002;

  /** {@code sizeof(struct termios)} in glibc on Linux is 60; rounded up for safety. */
  int TERMIOS_SIZE = 64;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  long read(int fd, Pointer buf, long count) throws LastErrorException;

  long write(int fd, Pointer buf, long count) throws LastErrorException;

  int poll(Pointer fds, long nfds, int timeout) throws LastErrorException;

  int eventfd(int initval, int flags) throws LastErrorException;

  long getrandom(Pointer buf, long buflen, int flags) throws LastErrorException;

  int ioctl(int fd, long request, Pointer arg) throws LastErrorException;

  int flock(int fd, int operation) throws LastErrorException;

  int tcgetattr(int fd, Pointer termios) throws LastErrorException;

  int tcsetattr(int fd, int optionalActions, Pointer termios) throws LastErrorException;

  void cfmakeraw(Pointer termios);

  int cfsetispeed(Pointer termios, int speed) throws LastErrorException;

  int cfsetospeed(Pointer termios, int speed) throws LastErrorException;

  int cfgetospeed(Pointer termios);

  int tcflush(int fd, int queueSelector) throws LastErrorException;
}
