package io.quamtx.core.health;

import java.time.Instant;

/**
 * One health-test alarm: the source, the test, its cutoff, the count seen and when.
 *
 * @param sourceId the source whose samples failed
 * @param test {@code RCT}, {@code APT} or {@code STARTUP}
 * @param cutoff the cutoff in force
 * @param observed the run length (RCT) or proportion count (APT) that reached it
 * @param permanent whether the source is now {@code FAILED} rather than {@code DEGRADED}
 * @param time when the alarm fired
 */
public record HealthEvent(
    String sourceId, String test, int cutoff, int observed, boolean permanent, Instant time) {

  /** One line for a log or an error message. */
  public String describe() {
    return String.format(
        "source %s failed the %s health test (%s): count %d reached cutoff %d at %s",
        sourceId, test, permanent ? "permanent" : "intermittent", observed, cutoff, time);
  }
}
