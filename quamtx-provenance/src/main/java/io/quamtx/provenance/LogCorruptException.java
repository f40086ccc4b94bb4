package io.quamtx.provenance;

import java.nio.file.Path;

/**
 * The log holds damage that recovery must not repair on its own: a bad frame inside a sealed
 * segment, a whole frame at the tail that fails its CRC, hash, link or signature, a segment that
 * does not follow on from the one before, or fewer records than a signed checkpoint covered. The
 * message names the file, byte offset and record; nothing has been changed on disk.
 */
public final class LogCorruptException extends ProvenanceException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final long seq;

  public LogCorruptException(String message, Path file, long offset) {
    this(message, file, offset, -1);
  }

  /** With the sequence number of the first damaged or missing record. */
  public LogCorruptException(String message, Path file, long offset, long seq) {
    super(message);
    this.file = file;
    this.offset = offset;
    this.seq = seq;
  }

  /** Sequence number of the first damaged or missing record, or -1 when not known. */
  public long seq() {
    return seq;
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
