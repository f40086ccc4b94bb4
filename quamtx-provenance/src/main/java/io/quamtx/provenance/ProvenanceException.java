package io.quamtx.provenance;

import io.quamtx.core.EntropyException;

/**
 * The provenance log could not do what was asked: the home directory cannot be written, the log is
 * locked or corrupt, or a write or sync failed. When an append throws, no receipt exists for that
 * draw and its bytes must not be handed out.
 */
public class ProvenanceException extends EntropyException {
  private static final long serialVersionUID = 1L;

  public ProvenanceException(String message) {
    super(message);
  }

  public ProvenanceException(String message, Throwable cause) {
    super(message, cause);
  }
}
