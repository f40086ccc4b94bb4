package io.quamtx.core;

/** The health of an entropy source. */
public enum SourceState {
  /** Started, start-up tests not finished yet. */
  INITIALIZING,
  /** Healthy and producing samples. */
  AVAILABLE,
  /** An intermittent health-test failure: the affected samples were discarded. */
  DEGRADED,
  /** A permanent health-test failure: the source produces nothing until reset. */
  FAILED,
  /** Absent, permission denied, timed out or unplugged. */
  UNAVAILABLE;

  /** Whether samples from a source in this state may be used. */
  public boolean usable() {
    return this == AVAILABLE || this == DEGRADED;
  }
}
