package io.quamtx.provenance;

import java.nio.file.Path;

/** Another process (or another open log in this one) holds the log's exclusive lock. */
public final class LogLockedException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  private final transient Path lockFile;

  public LogLockedException(String message, Path lockFile) {
    super(message);
    this.lockFile = lockFile;
  }

  /** The lock file that is held. */
  public Path lockFile() {
    return lockFile;
  }
}
