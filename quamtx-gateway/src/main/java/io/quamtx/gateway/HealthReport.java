package io.quamtx.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of the parts behind the gateway, as {@code GET /health} reports it.
 *
 * @param parts one entry per part, such as {@code log}, {@code reservoir} or a source id
 * @param lastCheckpoint when the log last signed a checkpoint, if ever
 */
public record HealthReport(List<Part> parts, Optional<Instant> lastCheckpoint) {

  /** Copies the list and checks for nulls. */
  public HealthReport {
    parts = List.copyOf(parts);
    Objects.requireNonNull(lastCheckpoint, "lastCheckpoint");
  }

  /** Whether every part is healthy. */
  public boolean healthy() {
    return parts.stream().allMatch(Part::healthy);
  }

  /** A report with one more part. */
  public HealthReport with(Part part) {
    List<Part> all = new ArrayList<>(parts);
    all.add(part);
    return new HealthReport(all, lastCheckpoint);
  }

  /**
   * The health of one part.
   *
   * @param name a short stable name
   * @param healthy whether it works
   * @param detail why not, or a short status; never secret
   */
  public record Part(String name, boolean healthy, String detail) {
    /** Checks for nulls. */
    public Part {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
