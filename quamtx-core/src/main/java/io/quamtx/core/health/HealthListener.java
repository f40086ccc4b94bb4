package io.quamtx.core.health;

/**
 * Receives health-test alarms, for metrics or alerting. Called on the thread that ran the test;
 * implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface HealthListener {
  void onAlarm(HealthEvent event);
}
