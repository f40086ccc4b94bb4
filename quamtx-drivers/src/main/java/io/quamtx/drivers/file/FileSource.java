package io.quamtx.drivers.file;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.drivers.internal.FdChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A byte stream read as raw samples: a device node such as {@code /dev/chaoskey0} or {@code
 * /dev/qrandom0}, a FIFO fed by another process, or a replay file of recorded samples.
 *
 * <p>Read without blocking and with a deadline, like {@code /dev/hwrng}. The end of the stream (a
 * replay file read to its end, a FIFO whose writer left) makes the source {@code GONE}; a FIFO must
 * therefore have its writer attached before it is opened.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread wakes a waiting reader.
 */
public final class FileSource implements EntropySource {
  private final FileSpec spec;
  private final FdChannel channel;

  private FileSource(FileSpec spec, FdChannel channel) {
    this.spec = spec;
    this.channel = channel;
  }

  /**
   * Opens the file of {@code spec}.
   *
   * @throws SourceUnavailableException ABSENT (no such file or device), DENIED (with the fix)
   */
  public static FileSource open(FileSpec spec) throws SourceUnavailableException {
    String hint =
        "run as a user who may read "
            + spec.path()
            + ", or for a device node install a udev rule like docs/udev/90-quamtx.rules";
    FdChannel channel = FdChannel.open("file " + spec.path(), spec.path().toString(), 0, hint);
    return new FileSource(spec, channel);
  }

  /** The spec this source was opened with. */
  public FileSpec spec() {
    return spec;
  }

  /** The path read. */
  @Override
  public java.util.Map<String, String> details() {
    return java.util.Map.of("path", spec.path().toString());
  }

  @Override
  public String id() {
    return FileSpec.SCHEME + spec.path();
  }

  @Override
  public SourceClass sourceClass() {
    return spec.sourceClass();
  }

  @Override
  public int sampleBits() {
    return spec.sampleBits();
  }

  @Override
  public double claimedMinEntropy() {
    return spec.minEntropy();
  }

  /**
   * Reads what is there, at least one byte, waiting at most {@code deadline}.
   *
   * @throws SourceUnavailableException GONE at end of stream or on a device error, TIMED_OUT,
   *     CLOSED
   */
  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    Objects.checkFromIndexSize(off, len, buf.length);
    return channel.read(buf, off, len, System.nanoTime() + deadline.toNanos());
  }

  @Override
  public long notReadyCount() {
    return channel.emptyReads();
  }

  @Override
  public void close() {
    channel.close();
  }
}
