package io.quamtx.core;

/**
 * Told when a source changes state: opened and working, degraded, failed, unavailable, back.
 *
 * <p>Called on the thread that observed the change, usually a harvester; implementations must be
 * quick and must not throw.
 */
@FunctionalInterface
public interface SourceStatusListener {
  /**
   * @param previous the state before the change
   * @param now the status after it, with the reason
   */
  void onStateChange(SourceState previous, SourceStatus now);
}
