package io.quamtx.core;

/**
 * Base of the checked failures a caller of quamtx must plan for: a source that is unavailable, a
 * health test that failed, a log that cannot be written.
 */
public class EntropyException extends Exception {
  private static final long serialVersionUID = 1L;

  public EntropyException(String message) {
    super(message);
  }

  public EntropyException(String message, Throwable cause) {
    super(message, cause);
  }
}
