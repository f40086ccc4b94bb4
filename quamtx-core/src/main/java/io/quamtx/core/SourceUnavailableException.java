package io.quamtx.core;

/** A source is absent, not permitted, timed out or gone. The message says which and why. */
public final class SourceUnavailableException extends EntropyException {
  private static final long serialVersionUID = 1L;

  public SourceUnavailableException(String message) {
    super(message);
  }

  public SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
