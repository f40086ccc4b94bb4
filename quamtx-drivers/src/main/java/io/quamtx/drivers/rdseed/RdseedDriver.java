package io.quamtx.drivers.rdseed;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds RDSEED. Available when the native shim is in the jar and loads (as a JNI library: no JNA),
 * CPUID leaf 7 reports RDSEED (EBX bit 18), and the kernel's {@code /proc/cpuinfo} still lists the
 * {@code rdseed} flag: kernels hide it on CPUs with a known-bad RDSEED, which CPUID alone may not
 * show.
 *
 * <p>Thread-safe. {@link #open()} runs the self-test and may take up to {@value #SELF_TEST_MILLIS}
 * ms on a saturated CPU.
 */
public final class RdseedDriver implements SourceDriver {
  /** The most preferred built-in source: fastest, and independent of the kernel. */
  public static final int PREFERENCE = 200;

  static final long SELF_TEST_MILLIS = 2000;
  static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private final Path cpuinfo;

  /** The driver reading the kernel's {@code /proc/cpuinfo}. */
  public RdseedDriver() {
    this(CPUINFO);
  }

  RdseedDriver(Path cpuinfo) {
    this.cpuinfo = cpuinfo;
  }

  @Override
  public String id() {
    return "rdseed";
  }

  @Override
  public int preference() {
    return PREFERENCE;
  }

  /** True: the shim is bound by JNI, without JNA, and the self-test reads eight words. */
  @Override
  public boolean opensQuickly() {
    return true;
  }

  @Override
  public boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public Optional<Throwable> unavailabilityCause() {
    try {
      probe(cpuinfo);
      return Optional.empty();
    } catch (SourceUnavailableException e) {
      return Optional.of(e);
    }
  }

  /** Opens RDSEED with 32 tries per word and the default claim. */
  @Override
  public EntropySource open() throws SourceUnavailableException {
    probe(cpuinfo);
    return RdseedSource.open(
        RdseedSource.DEFAULT_MAX_TRIES,
        RdseedSource.DEFAULT_MIN_ENTROPY,
        Duration.ofMillis(SELF_TEST_MILLIS));
  }

  static void probe() throws SourceUnavailableException {
    probe(CPUINFO);
  }

  static void probe(Path cpuinfo) throws SourceUnavailableException {
    if (!RdseedNative.loaded()) {
      throw new SourceUnavailableException(
          Reason.ABSENT, "rdseed: " + RdseedNative.cause().getMessage(), RdseedNative.cause());
    }
    if (!RdseedNative.cpuHasRdseed()) {
      throw new SourceUnavailableException(
          Reason.ABSENT, "rdseed: CPUID leaf 7 does not report RDSEED on this CPU");
    }
    if (!(cpuinfo.equals(CPUINFO) ? kernelFlagOfThisMachine() : kernelFlag(cpuinfo))) {
      throw new SourceUnavailableException(
          Reason.ABSENT,
          "rdseed: the CPU reports RDSEED but the kernel's "
              + cpuinfo
              + " hides the flag"
              + " (the kernel disables RDSEED on CPUs with known faults)");
    }
  }

  // The kernel's answer for /proc/cpuinfo, once read: it does not change while the system runs, and
  // the driver asks it up to three times on the first draw's path.
  private static volatile Boolean kernelFlag;

  private static boolean kernelFlagOfThisMachine() throws SourceUnavailableException {
    Boolean known = kernelFlag;
    if (known == null) {
      known = kernelFlag(CPUINFO);
      kernelFlag = known;
    }
    return known;
  }

  /**
   * Whether the first {@code flags} line of {@code cpuinfo} lists {@code rdseed}. Read as bytes and
   * scanned by hand, with no reader, charset decoder or stream: this runs on the first draw's path,
   * where each class loaded adds to the start-up time.
   */
  static boolean kernelFlag(Path cpuinfo) throws SourceUnavailableException {
    byte[] text;
    try (FileInputStream in = new FileInputStream(cpuinfo.toFile())) {
      text = in.readAllBytes();
    } catch (IOException e) {
      throw new SourceUnavailableException(
          Reason.ABSENT, "rdseed: cannot read " + cpuinfo + ": " + e, e);
    }
    return firstFlagsLineHas(new String(text, StandardCharsets.ISO_8859_1), "rdseed");
  }

  /**
   * Whether the first line of {@code cpuinfo} that starts with {@code flags} lists {@code flag}.
   */
  static boolean firstFlagsLineHas(String cpuinfo, String flag) {
    for (int start = 0; start < cpuinfo.length(); ) {
      int end = cpuinfo.indexOf('\n', start);
      if (end < 0) {
        end = cpuinfo.length();
      }
      if (cpuinfo.startsWith("flags", start)) {
        int colon = cpuinfo.indexOf(':', start);
        return colon >= 0 && colon < end && hasFlag(cpuinfo.substring(colon + 1, end), flag);
      }
      start = end + 1;
    }
    return false;
  }

  /** Whether {@code flag} is one of the blank-separated words of {@code flags}. */
  static boolean hasFlag(String flags, String flag) {
    int n = flags.length();
    for (int i = 0; i < n; ) {
      while (i < n && Character.isWhitespace(flags.charAt(i))) {
        i++;
      }
      int wordStart = i;
      while (i < n && !Character.isWhitespace(flags.charAt(i))) {
        i++;
      }
      if (i - wordStart == flag.length() && flags.startsWith(flag, wordStart)) {
        return true;
      }
    }
    return false;
  }
}
