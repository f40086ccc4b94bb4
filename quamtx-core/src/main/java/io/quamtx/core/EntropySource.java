package io.quamtx.core;

import java.time.Duration;

/**
 * A physical or operating-system noise source, read as raw samples.
 *
 * <p>This is the service-provider interface that drivers implement. Implementations deliver raw
 * samples only; the health tests, the entropy accounting and the conditioning happen above them, in
 * {@link io.quamtx.core.health.HealthTestedSource} and {@link
 * io.quamtx.core.conditioning.HardwareEntropy}.
 *
 * <p>Thread-safety: implementations must allow {@link #close()} from any thread while another
 * thread is inside {@link #read}; other calls come from one thread at a time.
 */
public interface EntropySource extends AutoCloseable {

  /** A short stable identifier, such as {@code hwrng} or {@code rdseed}. */
  String id();

  /** {@link SourceClass#HARDWARE} for physical sources, {@link SourceClass#FALLBACK} otherwise. */
  SourceClass sourceClass();

  /**
   * The width of one raw sample in bits: 1 to 8 for byte-packed samples (one sample per byte), or
   * 64 for word sources such as RDSEED, whose samples are 8 bytes, little-endian.
   */
  int sampleBits();

  /**
   * The claimed min-entropy per sample in bits, the {@code H} of SP 800-90B section 4, from
   * configuration or an assessment.
   */
  double claimedMinEntropy();

  /** Where the claim comes from, for instance {@code config} or {@code sp800-90b/non-iid}. */
  default String minEntropyBasis() {
    return "config";
  }

  /**
   * Reads up to {@code len} bytes of raw samples, waiting at most {@code deadline}.
   *
   * @return the number of bytes read, at least 1; a multiple of 8 for 64-bit sources
   * @throws SourceUnavailableException when the source is gone, not permitted or timed out
   */
  int read(byte[] buf, int off, int len, Duration deadline) throws SourceUnavailableException;

  /**
   * How many times so far the device had no sample ready when asked (RDSEED with the carry flag
   * clear, a non-blocking read that found nothing). Zero for sources that do not count them.
   */
  default long notReadyCount() {
    return 0;
  }

  /**
   * What the driver knows about the device, for status output and provenance: for instance the
   * kernel's current generator or the serial port. Never secret, never sample data. Empty by
   * default.
   */
  default java.util.Map<String, String> details() {
    return java.util.Map.of();
  }

  /** Releases the device; returns promptly even while a read is blocked. */
  @Override
  void close();
}
