package io.quamtx.provenance;

import java.nio.file.Path;

/**
 * The log holds damage that recovery must not repair on its own: a bad frame inside a sealed
 * segment, or inside the last segment with good records after it. The message names the file and
 * byte offset; nothing has been changed on disk.
 */
public final class LogCorruptException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;

  public LogCorruptException(String message, Path file, long offset) {
    super(message);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }

  /** Byte offset of the first damaged frame in {@link #file()}. */
  public long offset() {
    return offset;
  }
}
