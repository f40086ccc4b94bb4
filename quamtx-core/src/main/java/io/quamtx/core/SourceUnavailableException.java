package io.quamtx.core;

import java.util.Objects;

/**
 * A source is absent, not permitted, timed out or gone. The message says which and why; {@link
 * #reason()} says it in a form a program can act on.
 */
public final class SourceUnavailableException extends EntropyException {
  private static final long serialVersionUID = 1L;

  /** Why a source cannot deliver samples. */
  public enum Reason {
    /** No such device, library or instruction on this machine. */
    ABSENT,
    /** The device exists but this process may not open it. */
    DENIED,
    /** Another process holds the device exclusively. */
    BUSY,
    /** The device went away while open: unplugged, unregistered, end of stream, I/O error. */
    GONE,
    /** No sample arrived before the deadline. */
    TIMED_OUT,
    /** The device answered but never had a sample ready (RDSEED carry flag clear). */
    NOT_READY,
    /** The device returned values known to be wrong, such as zero with a success flag. */
    FAULT,
    /** The source was closed by this process. */
    CLOSED,
    /** A cause the thrower did not classify. */
    UNSPECIFIED
  }

  private final Reason reason;

  public SourceUnavailableException(String message) {
    this(Reason.UNSPECIFIED, message, null);
  }

  public SourceUnavailableException(String message, Throwable cause) {
    this(Reason.UNSPECIFIED, message, cause);
  }

  public SourceUnavailableException(Reason reason, String message) {
    this(reason, message, null);
  }

  public SourceUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The classified cause. */
  public Reason reason() {
    return reason;
  }
}
