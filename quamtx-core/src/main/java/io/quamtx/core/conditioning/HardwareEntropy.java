package io.quamtx.core.conditioning;

import io.quamtx.core.EntropyException;
import io.quamtx.core.health.HealthTestedSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Full-entropy output from a health-tested source, through HMAC-SHA-256 as the vetted conditioning
 * component of SP 800-90B section 3.1.5.1.1 ({@link HmacSha256}: FIPS 198-1 over quamtx's own
 * SHA-256 for the first {@value HmacSha256#OWN_DIGEST_MESSAGES} blocks, then over the JDK's,
 * without the JCA's start-up cost on a fresh JVM's first draw).
 *
 * <p>Each 32-byte output block conditions fresh raw samples whose claimed min-entropy is at least
 * {@value #OUTPUT_BITS} + {@value #MARGIN_BITS} bits, so by section 3.1.5.1.2 the block has full
 * entropy. The HMAC key is a fixed public constant: the standard does not require it to be secret,
 * and a fixed key keeps the component's behaviour reproducible for assessment.
 *
 * <p>Not thread-safe; blocks for as long as the source needs, up to the deadline.
 */
public final class HardwareEntropy {
  /** Bits in one conditioned block. */
  public static final int OUTPUT_BITS = 256;

  /** Extra input min-entropy required per block, beyond its output bits. */
  public static final int MARGIN_BITS = 64;

  private static final byte[] KEY =
      "quamtx/conditioning/hmac-sha256/v1".getBytes(StandardCharsets.US_ASCII);

  private final HealthTestedSource source;
  private final int rawBytesPerBlock;
  // Blocks still to be conditioned over quamtx's own SHA-256, across calls.
  private int ownDigestBlocks = HmacSha256.OWN_DIGEST_MESSAGES;

  public HardwareEntropy(HealthTestedSource source) {
    this.source = source;
    this.rawBytesPerBlock = rawBytesPerBlock(source);
  }

  private static int rawBytesPerBlock(HealthTestedSource source) {
    int sampleBits = source.source().sampleBits();
    int sampleBytes = sampleBits == 64 ? 8 : 1;
    double h = source.cutoffs().minEntropy();
    int samples = (int) Math.ceil((OUTPUT_BITS + MARGIN_BITS) / h);
    return samples * sampleBytes;
  }

  /** Whether blocks are now conditioned over the JDK's SHA-256. */
  boolean onJdkDigest() {
    return ownDigestBlocks == 0;
  }

  /** Raw bytes the source must supply for each 32-byte block. */
  public int rawBytesPerBlock() {
    return rawBytesPerBlock;
  }

  /**
   * Fills {@code out} with full-entropy bytes.
   *
   * @throws EntropyException when the source fails its health tests for good, is gone, or does not
   *     deliver within {@code deadline}; nothing is written to {@code out} in that case
   */
  public void nextBytes(byte[] out, Duration deadline) throws EntropyException {
    long end = System.nanoTime() + deadline.toNanos();
    byte[] result = new byte[out.length];
    byte[] raw = new byte[rawBytesPerBlock];
    byte[] block = new byte[HmacSha256.LENGTH];
    HmacSha256 mac = null;
    try {
      for (int pos = 0; pos < result.length; pos += HmacSha256.LENGTH) {
        fill(raw, end);
        if (mac == null) {
          // After the first read, which runs a new source's start-up test: in a fresh JVM that
          // test then overlaps with the loading of SHA-256 instead of waiting for it.
          mac = new HmacSha256(KEY, ownDigestBlocks);
        }
        mac.update(raw, 0, raw.length);
        mac.doFinal(block, 0);
        System.arraycopy(block, 0, result, pos, Math.min(HmacSha256.LENGTH, result.length - pos));
      }
      System.arraycopy(result, 0, out, 0, out.length);
    } finally {
      if (mac != null) {
        ownDigestBlocks = mac.ownMessagesLeft();
        mac.destroy();
      }
      Arrays.fill(block, (byte) 0);
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(result, (byte) 0);
    }
  }

  private void fill(byte[] raw, long end) throws EntropyException {
    int got = 0;
    while (got < raw.length) {
      Duration left = Duration.ofNanos(Math.max(1, end - System.nanoTime()));
      got += source.read(raw, got, raw.length - got, left);
    }
  }
}
