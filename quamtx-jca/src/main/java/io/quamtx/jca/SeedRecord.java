package io.quamtx.jca;

import io.quamtx.core.SourceClass;
import io.quamtx.core.reservoir.Contribution;
import java.time.Instant;
import java.util.List;

/**
 * One draw of seed or full-entropy material by the provider, for the provenance log.
 *
 * @param purpose {@code instantiate}, {@code reseed}, {@code prediction-resistance}, {@code
 *     generate-seed} or {@code hardware}
 * @param outputClass the class of the output this material backs
 * @param bytes bytes drawn
 * @param minEntropyBits their min-entropy, in bits
 * @param contributions the sources behind it, empty for the OS fallback
 * @param time when it was drawn
 * @param output the bytes handed to the caller, for {@code hardware} draws only, so the log can
 *     commit to them; null for seed material, which never leaves the provider
 */
public record SeedRecord(
    String purpose,
    SourceClass outputClass,
    int bytes,
    int minEntropyBits,
    List<Contribution> contributions,
    Instant time,
    byte[] output) {

  /** Never shows the output bytes. */
  @Override
  public String toString() {
    return "SeedRecord["
        + purpose
        + ", "
        + outputClass.label()
        + ", "
        + bytes
        + " bytes, "
        + minEntropyBits
        + " bits, "
        + contributions
        + ", "
        + time
        + "]";
  }
}
