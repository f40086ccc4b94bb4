package io.quamtx.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link SourceDriver}s on the class or module path. */
public final class Sources {
  private Sources() {}

  /** Every driver found, most preferred first. */
  public static List<SourceDriver> drivers() {
    List<SourceDriver> found = new ArrayList<>();
    ServiceLoader.load(SourceDriver.class, Sources.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparingInt(SourceDriver::preference).reversed());
    return List.copyOf(found);
  }

  /**
   * The first installed driver, in discovery order, that {@linkplain SourceDriver#opensQuickly()
   * opens quickly}. The drivers listed after it are neither loaded nor instantiated, which keeps
   * the full scan off the first draw's path.
   */
  public static Optional<SourceDriver> firstQuickDriver() {
    Iterator<SourceDriver> it =
        ServiceLoader.load(SourceDriver.class, Sources.class.getClassLoader()).iterator();
    while (it.hasNext()) {
      SourceDriver d = it.next();
      if (d.opensQuickly()) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * Opens the source named by {@code spec}: a driver id such as {@code hwrng} or {@code rdseed}, or
   * a form a driver accepts such as {@code file:/dev/chaoskey0}. The most preferred driver that
   * accepts the spec opens it.
   *
   * @throws SourceUnavailableException ABSENT when no installed driver accepts the spec, or the
   *     driver's reason when it cannot open it
   * @throws IllegalArgumentException naming the spec, when a driver finds it malformed
   */
  public static EntropySource open(String spec) throws SourceUnavailableException {
    java.util.Objects.requireNonNull(spec, "spec");
    for (SourceDriver d : drivers()) {
      if (d.accepts(spec)) {
        return d.open(spec);
      }
    }
    throw new SourceUnavailableException(
        SourceUnavailableException.Reason.ABSENT,
        "no source driver accepts '" + spec + "'; installed: " + ids());
  }

  private static List<String> ids() {
    return drivers().stream().map(SourceDriver::id).toList();
  }

  /**
   * The driver with this id, if one is installed; otherwise, for a spec such as {@code
   * file:/dev/chaoskey0} that an installed driver {@link SourceDriver#accepts}, a driver bound to
   * that spec: its {@link SourceDriver#id()} is the spec and its {@link SourceDriver#open()} opens
   * it. A bound driver reports itself available without opening anything (opening may have side
   * effects, such as commands sent to a serial device); {@code open()} gives the real reason.
   */
  public static Optional<SourceDriver> driver(String id) {
    List<SourceDriver> all = drivers();
    Optional<SourceDriver> exact = all.stream().filter(d -> d.id().equals(id)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return all.stream().filter(d -> d.accepts(id)).findFirst().map(d -> new BoundDriver(d, id));
  }

  /** A driver that opens one spec. */
  private static final class BoundDriver implements SourceDriver {
    private final SourceDriver driver;
    private final String spec;

    BoundDriver(SourceDriver driver, String spec) {
      this.driver = driver;
      this.spec = spec;
    }

    @Override
    public String id() {
      return spec;
    }

    @Override
    public int preference() {
      return driver.preference();
    }

    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
      return Optional.empty();
    }

    @Override
    public EntropySource open() throws SourceUnavailableException {
      return driver.open(spec);
    }

    @Override
    public boolean accepts(String other) {
      return spec.equals(other);
    }

    @Override
    public EntropySource open(String other) throws SourceUnavailableException {
      return open();
    }
  }
}
