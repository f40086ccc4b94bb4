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

  /** The driver with this id, if one is installed. */
  public static Optional<SourceDriver> driver(String id) {
    return drivers().stream().filter(d -> d.id().equals(id)).findFirst();
  }
}
