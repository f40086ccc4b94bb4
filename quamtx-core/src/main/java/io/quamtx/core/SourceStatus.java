package io.quamtx.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one source's state and counters, as {@code quamtx sources} shows it.
 *
 * @param id the source identifier
 * @param sourceClass its output class
 * @param state the current state
 * @param reason why it is in that state, in words; empty when it is simply working
 * @param bytes raw bytes read from the device
 * @param reads read calls that returned data
 * @param notReady times the device had nothing ready (RDSEED carry clear, EAGAIN)
 * @param healthFailures SP 800-90B health-test alarms
 * @param openedAt when the source was opened
 * @param stateSince when the state last changed
 * @param lastReadAt when data last arrived, or null before the first read
 */
public record SourceStatus(
    String id,
    SourceClass sourceClass,
    SourceState state,
    String reason,
    long bytes,
    long reads,
    long notReady,
    long healthFailures,
    Instant openedAt,
    Instant stateSince,
    Instant lastReadAt) {

  public SourceStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sourceClass, "sourceClass");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(stateSince, "stateSince");
  }
}
