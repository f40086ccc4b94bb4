package io.quamtx.core;

import io.quamtx.core.health.HealthEvent;
import io.quamtx.core.health.HealthListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state machine and counters of one source, fed by {@link MonitoredSource} and by the health
 * tests (it is a {@link HealthListener}).
 *
 * <p>States: {@code INITIALIZING} until samples first pass the health tests ({@link
 * #recordPassed()}, which whoever reads through the tests calls after each successful read), then
 * {@code AVAILABLE}. A health alarm makes it {@code DEGRADED} (intermittent) or {@code FAILED}
 * (permanent); {@code FAILED} is final. A read that fails because the device is gone, denied, busy
 * or late makes it {@code UNAVAILABLE}; data arriving again restores the state it had before.
 * Listeners hear of state changes only; the reason is kept current in {@link #status()}.
 *
 * <p>Thread-safe; listeners run on the thread that caused the change, outside any lock.
 */
public final class SourceMonitor implements HealthListener {
  private final String id;
  private final SourceClass sourceClass;
  private final Clock clock;
  private final Instant openedAt;
  private final List<SourceStatusListener> listeners = new CopyOnWriteArrayList<>();
  private long bytes;
  private long reads;
  private long notReady;
  private long healthFailures;
  private SourceState state = SourceState.INITIALIZING;
  private String reason = "start-up";
  private Instant stateSince;
  private Instant lastReadAt;
  private boolean passed;
  private String lastAlarm = "";

  private SourceMonitor(String id, SourceClass sourceClass, Clock clock) {
    this.id = Objects.requireNonNull(id, "id");
    this.sourceClass = Objects.requireNonNull(sourceClass, "sourceClass");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.openedAt = clock.instant();
    this.stateSince = openedAt;
  }

  /** A monitor for a source that was just opened. */
  public static SourceMonitor create(String id, SourceClass sourceClass) {
    return create(id, sourceClass, Clock.systemUTC());
  }

  /** As {@link #create(String, SourceClass)}, with a clock for tests. */
  public static SourceMonitor create(String id, SourceClass sourceClass, Clock clock) {
    return new SourceMonitor(id, sourceClass, clock);
  }

  /** Registers a listener for every later state change. */
  public void addListener(SourceStatusListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Raw data arrived: {@code count} bytes in one read, after {@code notReadyEvents} empty polls. An
   * {@code UNAVAILABLE} source returns to the state it had before; the health tests have not seen
   * the data yet, so this alone never makes a source {@code AVAILABLE}.
   */
  public void recordRead(int count, long notReadyEvents) {
    Change change;
    synchronized (this) {
      bytes += count;
      reads++;
      notReady += notReadyEvents;
      lastReadAt = clock.instant();
      change = state == SourceState.UNAVAILABLE ? moveTo(healthState(), healthReason()) : null;
    }
    notifyListeners(change);
  }

  /**
   * Samples passed the health tests and were handed out: {@code AVAILABLE}, or {@code DEGRADED} if
   * the source has alarmed before.
   */
  public void recordPassed() {
    Change change;
    synchronized (this) {
      passed = true;
      change = moveTo(healthState(), healthReason());
    }
    notifyListeners(change);
  }

  private SourceState healthState() {
    if (!passed) {
      return SourceState.INITIALIZING;
    }
    return healthFailures > 0 ? SourceState.DEGRADED : SourceState.AVAILABLE;
  }

  private String healthReason() {
    return healthFailures > 0 ? lastAlarm : passed ? "" : "start-up";
  }

  /** The device had nothing ready {@code events} times, without a read failing. */
  public synchronized void recordNotReady(long events) {
    notReady += events;
  }

  /** A read or open failed: the source is {@code UNAVAILABLE} with the exception's message. */
  public void recordUnavailable(SourceUnavailableException e) {
    Change change;
    synchronized (this) {
      change = moveTo(SourceState.UNAVAILABLE, e.reason() + ": " + e.getMessage());
    }
    notifyListeners(change);
  }

  /**
   * A health-test alarm: {@code DEGRADED}, or {@code FAILED} when permanent. During start-up an
   * intermittent alarm leaves the source {@code INITIALIZING}, as the start-up test restarts.
   */
  @Override
  public void onAlarm(HealthEvent event) {
    Change change;
    synchronized (this) {
      healthFailures++;
      lastAlarm = event.describe();
      SourceState next = event.permanent() ? SourceState.FAILED : healthState();
      change = moveTo(next, event.describe());
    }
    notifyListeners(change);
  }

  /** The current state and counters. */
  public synchronized SourceStatus status() {
    return new SourceStatus(
        id,
        sourceClass,
        state,
        reason,
        bytes,
        reads,
        notReady,
        healthFailures,
        openedAt,
        stateSince,
        lastReadAt);
  }

  private record Change(SourceState previous, SourceStatus now) {}

  /**
   * Applies a transition under the lock, keeping the reason current; null when the state did not
   * change or is final.
   */
  private Change moveTo(SourceState next, String why) {
    if (state == SourceState.FAILED) {
      return null;
    }
    reason = why;
    if (state == next) {
      return null;
    }
    SourceState previous = state;
    stateSince = clock.instant();
    state = next;
    return new Change(previous, status());
  }

  private void notifyListeners(Change change) {
    if (change != null) {
      for (SourceStatusListener l : listeners) {
        l.onStateChange(change.previous(), change.now());
      }
    }
  }
}
