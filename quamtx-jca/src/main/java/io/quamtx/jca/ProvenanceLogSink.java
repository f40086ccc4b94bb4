package io.quamtx.jca;

import io.quamtx.core.SourceClass;
import io.quamtx.core.reservoir.Contribution;
import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Receipt;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Appends each {@link SeedRecord} to a {@link ProvenanceLog}: seed material as a {@code reseed}
 * event, {@code QUAMTX-HARDWARE} output as a {@code draw} event committing to the bytes.
 *
 * <p>Thread-safe (the log serialises appends). Blocks for the log's durable write; a failed append
 * throws {@link IllegalStateException}, which makes the draw fail closed.
 */
public final class ProvenanceLogSink implements ProvenanceSink {
  private static final String CONDITIONING =
      "hmac-sha256 vetted conditioning, 320 bits in per 256 out";

  private final ProvenanceLog log;
  private volatile Receipt last;

  public ProvenanceLogSink(ProvenanceLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void record(SeedRecord r) {
    boolean fallback = r.outputClass() == SourceClass.FALLBACK;
    String sources =
        fallback
            ? "os:NativePRNGNonBlocking"
            : r.contributions().stream()
                .map(Contribution::sourceId)
                .collect(Collectors.joining("+"));
    DrawEvent event =
        new DrawEvent(
            r.output() != null ? "draw" : "reseed",
            sources,
            r.outputClass().label(),
            r.bytes(),
            fallback ? null : (double) r.minEntropyBits() / (8.0 * r.bytes()),
            (fallback ? "os generator, no claim" : basis(r.contributions())) + "; " + r.purpose(),
            "pass",
            r.output());
    try {
      last = log.append(event);
    } catch (ProvenanceException e) {
      throw new IllegalStateException("provenance log append failed: " + e.getMessage(), e);
    }
  }

  /**
   * The conditioning step, after each source's own basis: a claim that comes from an SP 800-90B
   * assessment of the live source says so in every record it backs.
   */
  static String basis(List<Contribution> parts) {
    String sources =
        parts.stream()
            .map(c -> c.sourceId() + ": " + c.minEntropyBasis())
            .distinct()
            .collect(Collectors.joining("; "));
    return sources.isEmpty() ? CONDITIONING : sources + "; " + CONDITIONING;
  }

  /** Appends a signed {@code source_change} record for the provider. */
  @Override
  public void sourceChanged(SourceClass from, SourceClass to, String reason) {
    try {
      log.appendSourceChange("provider:QUAMTX", from, to, reason);
    } catch (ProvenanceException e) {
      throw new IllegalStateException("provenance log append failed: " + e.getMessage(), e);
    }
  }

  /** The receipt of the newest record this sink appended, or null. */
  public Receipt lastReceipt() {
    return last;
  }
}
