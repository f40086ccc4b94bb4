package io.quamtx.drivers.internal;

import com.sun.jna.LastErrorException;

/** The {@code errno} values the drivers act on, and their symbolic names for messages. */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int ENXIO = 6;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ENOSYS = 38;

  private Errno() {}

  /** {@code EACCES (13)}, or {@code errno 95} for values without a name here. */
  public static String describe(int errno) {
    String name =
        switch (errno) {
          case EPERM -> "EPERM";
          case ENOENT -> "ENOENT";
          case EINTR -> "EINTR";
          case EIO -> "EIO";
          case ENXIO -> "ENXIO";
          case EBADF -> "EBADF";
          case EAGAIN -> "EAGAIN";
          case EACCES -> "EACCES";
          case EBUSY -> "EBUSY";
          case ENODEV -> "ENODEV";
          case EINVAL -> "EINVAL";
          case ENOSYS -> "ENOSYS";
          default -> null;
        };
    return name == null ? "errno " + errno : name + " (" + errno + ")";
  }

  /** The describe() form of the exception's code. */
  public static String describe(LastErrorException e) {
    return describe(e.getErrorCode());
  }

  /** Whether the error means the device went away: unplugged, unregistered or failing. */
  public static boolean meansGone(int errno) {
    return errno == ENODEV || errno == EIO || errno == ENXIO;
  }

  /** Whether the error means the caller lacks permission. */
  public static boolean meansDenied(int errno) {
    return errno == EACCES || errno == EPERM;
  }
}
