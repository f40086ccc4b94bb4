package io.quamtx.core;

import java.time.Duration;
import java.util.Objects;

/**
 * An {@link EntropySource} that reports every read and failure to a {@link SourceMonitor}.
 *
 * <p>Place it directly on the driver's source and hand its monitor to the health tests as their
 * listener, so one status holds both the device's and the health tests' view:
 *
 * <pre>{@code
 * MonitoredSource m = MonitoredSource.wrap(driver.open());
 * HealthTestedSource h = HealthTestedSource.wrap(m, 20, 3, m.monitor());
 * int n = h.read(buf, 0, buf.length, deadline);
 * m.monitor().recordPassed();
 * }</pre>
 *
 * <p>Thread-safety and blocking are those of the wrapped source.
 */
public final class MonitoredSource extends ForwardingSource {
  private final SourceMonitor monitor;
  private long notReadySeen;

  private MonitoredSource(EntropySource source, SourceMonitor monitor) {
    super(source);
    this.monitor = monitor;
  }

  /** Wraps {@code source} with a new monitor. */
  public static MonitoredSource wrap(EntropySource source) {
    Objects.requireNonNull(source, "source");
    return wrap(source, SourceMonitor.create(source.id(), source.sourceClass()));
  }

  /** Wraps {@code source}, reporting to {@code monitor}. */
  public static MonitoredSource wrap(EntropySource source, SourceMonitor monitor) {
    return new MonitoredSource(
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(monitor, "monitor"));
  }

  /** The monitor fed by this source. */
  public SourceMonitor monitor() {
    return monitor;
  }

  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    try {
      int n = super.read(buf, off, len, deadline);
      monitor.recordRead(n, notReadySince());
      return n;
    } catch (SourceUnavailableException e) {
      monitor.recordNotReady(notReadySince());
      monitor.recordUnavailable(e);
      throw e;
    }
  }

  private long notReadySince() {
    long total = notReadyCount();
    long delta = total - notReadySeen;
    notReadySeen = total;
    return delta;
  }
}
