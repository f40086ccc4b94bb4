package io.quamtx.core.reservoir;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.health.HealthTestedSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
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

  /**
   * How long the slower drivers wait for {@link Reservoir#openLaterDrivers()} before they are
   * opened anyway.
   */
  static final Duration LATER_GRACE = Duration.ofSeconds(1);

  private DriverStart(
      Reservoir reservoir, List<SourceDriver> drivers, UnaryOperator<EntropySource> claims) {
    this.reservoir = reservoir;
    this.drivers = drivers;
    this.claims = claims;
    this.causes = new String[drivers.size()];
    this.pending = drivers.size();
  }

  /**
   * Opens every driver into {@code reservoir}; returns once one hardware source has joined. Drivers
   * that {@linkplain SourceDriver#opensQuickly() open quickly} go first, alone; if one of them
   * joins, the others are opened on a daemon thread once the owner calls {@link
   * Reservoir#openLaterDrivers()} or after {@link #LATER_GRACE}, whichever comes first. If none
   * joins, the others are opened at once and waited for as before.
   *
   * @throws SourceUnavailableException naming each driver's cause when none joined, or when
   *     interrupted while waiting
   */
  static void openAll(
      Reservoir reservoir, List<SourceDriver> drivers, UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    List<SourceDriver> quick = new ArrayList<>();
    List<SourceDriver> rest = new ArrayList<>();
    for (SourceDriver d : drivers) {
      (d.opensQuickly() ? quick : rest).add(d);
    }
    if (quick.isEmpty() || rest.isEmpty()) {
      start(reservoir, drivers, claims).awaitFirst(List.of());
      return;
    }
    openQuickFirst(reservoir, quick, listed(rest), claims);
  }

  /**
   * Opens {@code quick} alone, then the drivers {@code rest} lists: later if one of {@code quick}
   * joined (see {@link #openAll}), at once and waited for otherwise. A single quick driver is
   * opened on the calling thread. {@code rest} is called on the thread that opens them, so that
   * finding them (a ServiceLoader scan) is off the first draw's path too.
   *
   * @throws SourceUnavailableException as {@link #openAll}
   */
  static void openQuickFirst(
      Reservoir reservoir,
      List<SourceDriver> quick,
      Supplier<List<SourceDriver>> rest,
      UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    DriverStart first;
    if (quick.size() == 1) {
      // One driver, and the caller waits for it anyway: open it here, without a thread to start and
      // hand over to.
      first = new DriverStart(reservoir, quick, claims);
      first.open(0);
    } else {
      first = start(reservoir, quick, claims);
    }
    if (first.awaitJoinedOrAllFailed()) {
      openLater(reservoir, rest, claims);
      return;
    }
    start(reservoir, rest.get(), claims).awaitFirst(first.causes());
  }

  private static Supplier<List<SourceDriver>> listed(List<SourceDriver> drivers) {
    return new Supplier<List<SourceDriver>>() {
      @Override
      public List<SourceDriver> get() {
        return drivers;
      }
    };
  }

  /** Starts one opening thread per driver and returns at once. */
  private static DriverStart start(
      Reservoir reservoir, List<SourceDriver> drivers, UnaryOperator<EntropySource> claims) {
    DriverStart start = new DriverStart(reservoir, drivers, claims);
    for (int i = 0; i < drivers.size(); i++) {
      Thread t = new Thread(start.opener(i), "quamtx-open-" + drivers.get(i).id());
      t.setDaemon(true);
      t.start();
    }
    return start;
  }

  /**
   * Opens {@code drivers} on a daemon thread once the owner calls {@link
   * Reservoir#openLaterDrivers()}, or after {@link #LATER_GRACE}; nothing is opened once the
   * reservoir is closed.
   */
  private static void openLater(
      Reservoir reservoir,
      Supplier<List<SourceDriver>> drivers,
      UnaryOperator<EntropySource> claims) {
    Runnable later =
        new Runnable() {
          @Override
          public void run() {
            try {
              reservoir.awaitLaterDrivers(LATER_GRACE);
            } catch (InterruptedException e) {
              return;
            }
            if (!reservoir.closed()) {
              startScanned(reservoir, drivers, claims);
            }
          }
        };
    Thread t = new Thread(later, "quamtx-open-later");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts the drivers {@code drivers} lists; a scan that fails (a broken provider entry, a driver
   * class that cannot link) is noted in the reservoir instead of ending this thread unseen.
   */
  private static void startScanned(
      Reservoir reservoir,
      Supplier<List<SourceDriver>> drivers,
      UnaryOperator<EntropySource> claims) {
    List<SourceDriver> list;
    try {
      list = drivers.get();
    } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
      reservoir.noteUnjoined("driver scan: " + e);
      return;
    }
    start(reservoir, list, claims);
  }

  /** An anonymous class, not a lambda: the first lambda of a JVM costs start-up time. */
  private Runnable opener(int index) {
    return new Runnable() {
      @Override
      public void run() {
        open(index);
      }
    };
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
      reservoir.noteUnjoined(cause);
    }
    pending--;
    notifyAll();
  }

  /** Waits until one source joined (true) or every driver of this start failed (false). */
  private synchronized boolean awaitJoinedOrAllFailed() throws SourceUnavailableException {
    try {
      while (!joined && pending > 0) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException("interrupted while opening the entropy sources", e);
    }
    return joined;
  }

  /**
   * As {@link #awaitJoinedOrAllFailed()}, throwing when none joined.
   *
   * @param earlier causes of drivers tried before these, named first in the message
   */
  private void awaitFirst(List<String> earlier) throws SourceUnavailableException {
    if (!awaitJoinedOrAllFailed()) {
      List<String> all = new ArrayList<>(earlier);
      all.addAll(causes());
      throw new SourceUnavailableException("no hardware entropy source opened: " + all);
    }
  }

  private synchronized List<String> causes() {
    return Arrays.stream(causes).filter(Objects::nonNull).toList();
  }
}
