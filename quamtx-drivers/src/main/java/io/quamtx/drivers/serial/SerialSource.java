package io.quamtx.drivers.serial;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.drivers.internal.FdChannel;
import io.quamtx.drivers.internal.LibC;
import io.quamtx.drivers.internal.Tty;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A USB noise source on a CDC-ACM serial port, such as a TrueRNG or a OneRNG.
 *
 * <p>Opening: an optional baud-rate knock (each rate: open, set, close, pause), then the port is
 * opened, locked for this process alone, put in raw mode, DTR raised, input flushed and the start
 * commands written. Closing writes the stop commands (briefly, errors ignored: the device may
 * already be gone) and releases the port. Unplugging shows as end of stream or EIO: {@code GONE}.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread wakes a waiting reader.
 */
public final class SerialSource implements EntropySource {
  static final Duration COMMAND_DEADLINE = Duration.ofMillis(200);
  static final String DENIED_HINT =
      "add the user to the group of docs/udev/90-quamtx.rules (GROUP=\"quamtx\") or run as root";

  private final Setup setup;
  private final FdChannel channel;
  private final boolean dtrRaised;

  /**
   * What a device family needs at open and close.
   *
   * @param id the source id, such as {@code truerng}
   * @param path the port
   * @param baud the rate to leave the port at
   * @param knock rates to open and close the port at first, in order; empty for none
   * @param knockPause the pause after each knock step
   * @param start bytes written after open, such as OneRNG's {@code cmdO\n}
   * @param stop bytes written before close
   * @param minEntropy claimed bits per byte
   */
  record Setup(
      String id,
      Path path,
      int baud,
      List<Integer> knock,
      Duration knockPause,
      String start,
      String stop,
      double minEntropy) {}

  private SerialSource(Setup setup, FdChannel channel, boolean dtrRaised) {
    this.setup = setup;
    this.channel = channel;
    this.dtrRaised = dtrRaised;
  }

  static SerialSource open(Setup setup) throws SourceUnavailableException {
    String label = setup.id() + " " + setup.path();
    for (int baud : setup.knock()) {
      knock(setup, label, baud);
    }
    FdChannel channel = openLocked(setup, label);
    try {
      Tty.makeRaw(channel.fd(), setup.baud(), label);
      boolean dtr = Tty.raiseDtr(channel.fd());
      Tty.flushInput(channel.fd(), label);
      channel.write(ascii(setup.start()), deadline(COMMAND_DEADLINE));
      return new SerialSource(setup, channel, dtr);
    } catch (SourceUnavailableException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FdChannel openLocked(Setup setup, String label) throws SourceUnavailableException {
    int flags = LibC.O_RDWR | LibC.O_NOCTTY;
    FdChannel channel = FdChannel.open(label, setup.path().toString(), flags, DENIED_HINT);
    try {
      Tty.lockExclusive(channel.fd(), label);
      return channel;
    } catch (SourceUnavailableException e) {
      channel.close();
      throw e;
    }
  }

  private static void knock(Setup setup, String label, int baud) throws SourceUnavailableException {
    try (FdChannel step = openLocked(setup, label)) {
      Tty.makeRaw(step.fd(), baud, label);
    }
    sleep(setup.knockPause());
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static long deadline(Duration d) {
    return System.nanoTime() + TimeUnit.NANOSECONDS.convert(d);
  }

  /** The port this source reads. */
  public Path path() {
    return setup.path();
  }

  /** Whether DTR could be raised; false on lines without modem control. */
  public boolean dtrRaised() {
    return dtrRaised;
  }

  /** The port and whether DTR was raised. */
  @Override
  public java.util.Map<String, String> details() {
    return java.util.Map.of("port", setup.path().toString(), "dtr", Boolean.toString(dtrRaised));
  }

  @Override
  public String id() {
    return setup.id();
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.HARDWARE;
  }

  @Override
  public int sampleBits() {
    return 8;
  }

  @Override
  public double claimedMinEntropy() {
    return setup.minEntropy();
  }

  @Override
  public String minEntropyBasis() {
    return setup.minEntropy() == SerialSpec.DEFAULT_MIN_ENTROPY ? "default, unassessed" : "config";
  }

  /**
   * Reads what the device sent, at least one byte, waiting at most {@code deadline}.
   *
   * @throws SourceUnavailableException GONE when unplugged, TIMED_OUT, CLOSED
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

  /** Sends the stop commands if the device is still there, then releases the port. */
  @Override
  public void close() {
    if (!channel.isClosed() && !setup.stop().isEmpty()) {
      try {
        channel.write(ascii(setup.stop()), deadline(COMMAND_DEADLINE));
      } catch (SourceUnavailableException e) {
        // Unplugged or stalled: there is no one left to stop.
      }
    }
    channel.close();
  }
}
