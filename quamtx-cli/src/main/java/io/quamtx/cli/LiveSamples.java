package io.quamtx.cli;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.Sources;
import java.time.Duration;

/**
 * Raw samples read straight from a live source for an assessment: no health tests and no
 * conditioning, since SP 800-90B assesses the noise source's own output.
 */
final class LiveSamples {
  private static final Duration READ_DEADLINE = Duration.ofSeconds(30);

  private LiveSamples() {}

  /**
   * Reads {@code count} samples of one byte each from source {@code id}.
   *
   * @throws IllegalArgumentException for an unknown source, a source whose samples are wider than
   *     {@code bits} or not byte-packed, or a count below 1
   * @throws SourceUnavailableException when the source cannot be opened or read
   */
  static byte[] collect(String id, int count, int bits) throws SourceUnavailableException {
    if (count < 1) {
      throw new IllegalArgumentException("--samples " + count + ": must be at least 1");
    }
    SourceDriver driver =
        Sources.driver(id).orElseThrow(() -> new IllegalArgumentException("no source named " + id));
    try (EntropySource s = driver.open()) {
      if (s.sampleBits() > 8) {
        throw new IllegalArgumentException(
            "source " + id + " gives " + s.sampleBits() + "-bit words; only 1 to 8 bit samples");
      }
      if (s.sampleBits() > bits) {
        throw new IllegalArgumentException(
            "source "
                + id
                + " gives "
                + s.sampleBits()
                + "-bit samples, wider than --bits "
                + bits);
      }
      byte[] out = new byte[count];
      for (int done = 0; done < count; ) {
        done += s.read(out, done, count - done, READ_DEADLINE);
      }
      return out;
    }
  }
}
