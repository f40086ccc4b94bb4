package io.quamtx.core;

import io.quamtx.core.health.HealthEvent;

/**
 * An SP 800-90B health test rejected a source's samples. None of those samples reach any output.
 */
public final class HealthTestException extends EntropyException {
  private static final long serialVersionUID = 1L;

  private final transient HealthEvent event;

  public HealthTestException(HealthEvent event) {
    super(event.describe());
    this.event = event;
  }

  /** The failure: which test, its cutoff, the count seen, whether it is permanent. */
  public HealthEvent event() {
    return event;
  }
}
