package io.quamtx.jca;

import java.security.ProviderException;

/**
 * Thrown by a QUAMTX {@code SecureRandom} instead of returning bytes, when no healthy source can
 * seed it and no fallback is allowed. The message says which sources were tried and why they
 * failed.
 */
public final class QuamtxUnavailableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public QuamtxUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
