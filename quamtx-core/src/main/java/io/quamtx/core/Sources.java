package io.quamtx.core;

import java.util.ArrayList;
import java.util.Comparator;
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

  /** The driver with this id, if one is installed. */
  public static Optional<SourceDriver> driver(String id) {
    return drivers().stream().filter(d -> d.id().equals(id)).findFirst();
  }
}
