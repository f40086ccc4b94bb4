package io.quamtx.drivers.hwrng;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.drivers.internal.FdChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The Linux hw_random device, {@code /dev/hwrng}, read without blocking and with a deadline.
 *
 * <p>Samples are bytes ({@link #sampleBits()} 8). The default claim of {@value
 * #DEFAULT_MIN_ENTROPY} bits per byte sits below the SP 800-90B non-IID assessment of 200,000 bytes
 * read from the virtio generator of the reference machine (6.857674 bits per byte, the compression
 * estimator on the bitstring; the IID track gave 7.733814), leaving a margin for hosts whose
 * generator is weaker. The kernel credits this device at {@code rng_quality}/1024 without testing
 * it, so quamtx tests every byte itself.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread wakes a waiting reader.
 * {@link #read} blocks at most until its deadline.
 */
public final class HwrngSource implements EntropySource {
  /** The claimed min-entropy per byte when none is configured. */
  public static final double DEFAULT_MIN_ENTROPY = 6.0;

  /** The standard device node. */
  public static final Path DEFAULT_DEVICE = Path.of("/dev/hwrng");

  static final String DENIED_HINT =
      "run as root, or install the udev rule docs/udev/90-quamtx.rules, which gives the group"
          + " 'quamtx' read access (KERNEL==\"hwrng\", GROUP=\"quamtx\", MODE=\"0640\")";

  private final Path device;
  private final FdChannel channel;
  private final HwrngSysfs sysfs;
  private final double claimedMinEntropy;

  private HwrngSource(Path device, FdChannel channel, HwrngSysfs sysfs, double claimedMinEntropy) {
    this.device = device;
    this.channel = channel;
    this.sysfs = sysfs;
    this.claimedMinEntropy = claimedMinEntropy;
  }

  /** Opens {@code /dev/hwrng} with the default claim. */
  public static HwrngSource open() throws SourceUnavailableException {
    return open(DEFAULT_DEVICE, HwrngSysfs.DEFAULT_DIR, DEFAULT_MIN_ENTROPY);
  }

  /**
   * Opens {@code device} after checking, in {@code sysfsDir}, that the kernel has a generator.
   *
   * @param claimedMinEntropy bits per byte, in (0, 8]
   * @throws SourceUnavailableException ABSENT when no generator is selected ({@code none}) or the
   *     node is missing, DENIED with the fix, GONE when the kernel refuses reads
   * @throws IllegalArgumentException when the claim is out of range
   */
  public static HwrngSource open(Path device, Path sysfsDir, double claimedMinEntropy)
      throws SourceUnavailableException {
    if (!(claimedMinEntropy > 0 && claimedMinEntropy <= 8)) {
      throw new IllegalArgumentException(
          "hwrng min-entropy claim " + claimedMinEntropy + " bits per byte; must be in (0, 8]");
    }
    HwrngSysfs sysfs = readSysfs(sysfsDir);
    FdChannel channel = FdChannel.open(label(device), device.toString(), 0, DENIED_HINT);
    return new HwrngSource(device, channel, sysfs, claimedMinEntropy);
  }

  static HwrngSysfs readSysfs(Path sysfsDir) throws SourceUnavailableException {
    HwrngSysfs sysfs;
    try {
      sysfs = HwrngSysfs.read(sysfsDir);
    } catch (IOException e) {
      throw new SourceUnavailableException(
          Reason.ABSENT, "hwrng: no hw_random core: cannot read " + sysfsDir + ": " + e, e);
    }
    if (!sysfs.hasGenerator()) {
      throw new SourceUnavailableException(
          Reason.ABSENT,
          "hwrng: the kernel has no generator selected (rng_current='"
              + sysfs.current()
              + "', rng_available="
              + sysfs.available()
              + ")");
    }
    return sysfs;
  }

  private static String label(Path device) {
    return "hwrng " + device;
  }

  /** The kernel's view of the generator at open time, for the provenance record. */
  public HwrngSysfs sysfs() {
    return sysfs;
  }

  @Override
  public String id() {
    return "hwrng";
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
    return claimedMinEntropy;
  }

  @Override
  public String minEntropyBasis() {
    return claimedMinEntropy == DEFAULT_MIN_ENTROPY
        ? "sp800-90b/non-iid 6.857674 on virtio_rng, claimed with margin"
        : "config";
  }

  /**
   * Reads what the device has, at least one byte, waiting at most {@code deadline}.
   *
   * @throws SourceUnavailableException GONE (ENODEV, EIO, end of stream), TIMED_OUT, CLOSED
   */
  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    Objects.checkFromIndexSize(off, len, buf.length);
    return channel.read(buf, off, len, System.nanoTime() + deadline.toNanos());
  }

  /** The device path and the kernel's {@code rng_current}, {@code rng_available}, quality. */
  @Override
  public Map<String, String> details() {
    return Map.of(
        "device", device.toString(),
        "rng_current", sysfs.current(),
        "rng_available", String.join(" ", sysfs.available()),
        "rng_quality", Integer.toString(sysfs.quality()));
  }

  /** Non-blocking reads that found nothing ready (EAGAIN). */
  @Override
  public long notReadyCount() {
    return channel.emptyReads();
  }

  /** read(2) calls made, to show that waiting does not spin. */
  public long readCalls() {
    return channel.readCalls();
  }

  @Override
  public void close() {
    channel.close();
  }
}
