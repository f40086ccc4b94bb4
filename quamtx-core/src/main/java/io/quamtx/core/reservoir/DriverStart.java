package io.quamtx.core.reservoir;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.health.HealthTestedSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Opens drivers in parallel, one daemon thread each, and lets every hardware source join the
 * reservoir the moment it has opened. The caller waits for the first to join, or for all to fail.
 *
 * <p>Why: opening is where start-up time goes (loading JNA and native shims, probing vendor
 * libraries, a serial device's handshake), and done one driver after another it made the first draw
 * wait for the slowest. In parallel, the fastest-starting source seeds first. Nothing about health
 * changes: a joined source's material enters the reservoir only after its harvester has run the SP
 * 800-90B start-up test, exactly as for a source added by the builder.
 */
final class DriverStart {
  private final Reservoir reservoir;
  private final List<SourceDriver> drivers;
  private final UnaryOperator<EntropySource> claims;
  private final String[] causes;
  private int pending;
  private boolean joined;

  private DriverStart(
      Reservoir reservoir, List<SourceDriver> drivers, UnaryOperator<EntropySource> claims) {
    this.reservoir = reservoir;
    this.drivers = drivers;
    this.claims = claims;
    this.causes = new String[drivers.size()];
    this.pending = drivers.size();
  }

  /**
   * Opens every driver into {@code reservoir}; returns once one hardware source has joined.
   *
   * @throws SourceUnavailableException naming each driver's cause when none joined, or when
   *     interrupted while waiting
   */
  static void openAll(
      Reservoir reservoir, List<SourceDriver> drivers, UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    DriverStart start = new DriverStart(reservoir, drivers, claims);
    for (int i = 0; i < drivers.size(); i++) {
      int index = i;
      Thread t = new Thread(() -> start.open(index), "quamtx-open-" + drivers.get(i).id());
      t.setDaemon(true);
      t.start();
    }
    start.awaitFirst();
  }

  private void open(int index) {
    SourceDriver d = drivers.get(index);
    String cause = "opening ended without a result";
    try {
      cause = tryOpen(d);
    } catch (RuntimeException | LinkageError e) {
      // A driver whose native part cannot link is just unavailable; the others carry on.
      cause = String.valueOf(e.getMessage());
    } finally {
      finished(index, cause == null ? null : d.id() + ": " + cause);
    }
  }

  /** Null when the source joined the reservoir; otherwise why it did not. */
  private String tryOpen(SourceDriver d) {
    if (!d.isAvailable()) {
      return d.unavailabilityCause().map(Throwable::getMessage).orElse("?");
    }
    EntropySource s;
    try {
      s = d.open();
    } catch (SourceUnavailableException e) {
      return e.getMessage();
    }
    if (s.sourceClass() != SourceClass.HARDWARE) {
      s.close();
      return "class " + s.sourceClass().label() + " is not hardware";
    }
    HealthTestedSource tested;
    try {
      tested = HealthTestedSource.wrap(claims.apply(s));
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return reservoir.join(tested, 1) ? null : "the reservoir was closed before it opened";
  }

  private synchronized void finished(int index, String cause) {
    if (cause == null) {
      joined = true;
    } else {
      causes[index] = cause;
    }
    pending--;
    notifyAll();
  }

  private synchronized void awaitFirst() throws SourceUnavailableException {
    try {
      while (!joined && pending > 0) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException("interrupted while opening the entropy sources", e);
    }
    if (!joined) {
      throw new SourceUnavailableException(
          "no hardware entropy source opened: "
              + Arrays.stream(causes).filter(Objects::nonNull).toList());
    }
  }
}
