package io.quamtx.provenance;

import java.nio.file.Path;

/**
 * There is no provenance log at the given home: no {@code log/} directory or no segment file in it.
 * Thrown by {@link ProvenanceLog#openReadOnly}, which never creates a log.
 */
public final class LogNotFoundException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  private final transient Path home;

  public LogNotFoundException(Path home) {
    super("no provenance log at " + home);
    this.home = home;
  }

  /** The home that holds no log. */
  public Path home() {
    return home;
  }
}
