package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.Sources;
import io.quamtx.core.conditioning.HardwareEntropy;
import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explicit draws of hardware entropy, each recorded in the provenance log before it is returned.
 *
 * <p>A draw reads raw samples from the best healthy hardware source (or the one named), runs them
 * through the SP 800-90B start-up and continuous health tests, conditions them to full entropy with
 * HMAC-SHA-256, appends a signed record to the log and only then hands the bytes out. A source that
 * fails its tests or is absent contributes nothing; no fallback source is used for a draw.
 *
 * <p>Thread-safe: draws are serialised. {@link #draw} blocks on the source for at most the
 * configured deadline.
 */
public final class Quamtx implements AutoCloseable {
  /** The largest draw, in bytes. */
  public static final int MAX_DRAW_BYTES = 65_536;

  private final ProvenanceLog log;
  private final Duration deadline;
  private final Map<String, HealthTestedSource> opened = new HashMap<>();

  private Quamtx(ProvenanceLog log, Duration deadline) {
    this.log = log;
    this.deadline = deadline;
  }

  /**
   * Opens the state directory {@code home}, creating the log and signing key on first use.
   *
   * @throws EntropyException when the log cannot be opened or created there
   */
  public static Quamtx open(Path home, Duration deadline) throws EntropyException {
    Objects.requireNonNull(home, "home");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline " + deadline + "; must be positive");
    }
    return new Quamtx(ProvenanceLog.open(home), deadline);
  }

  /** The provenance log behind this instance. */
  public ProvenanceLog log() {
    return log;
  }

  /**
   * Draws {@code bytes} bytes of full-entropy hardware output.
   *
   * @param sourceId a driver id such as {@code rdseed}, or null for the best healthy source
   * @throws IllegalArgumentException when {@code bytes} is outside 1 to {@value #MAX_DRAW_BYTES}
   * @throws EntropyException when no named or hardware source yields healthy samples in time, or
   *     the record cannot be made durable; no bytes are returned then
   */
  public synchronized Draw draw(int bytes, String sourceId) throws EntropyException {
    checkSize(bytes);
    List<SourceDriver> candidates = candidates(sourceId);
    List<String> failures = new ArrayList<>();
    for (SourceDriver driver : candidates) {
      try {
        return drawFrom(driver, bytes);
      } catch (HealthTestException | SourceUnavailableException e) {
        if (sourceId != null) {
          throw e;
        }
        failures.add(driver.id() + ": " + e.getMessage());
      }
    }
    throw new SourceUnavailableException("no healthy hardware source: " + failures);
  }

  private static void checkSize(int bytes) {
    if (bytes < 1 || bytes > MAX_DRAW_BYTES) {
      throw new IllegalArgumentException("bytes " + bytes + "; allowed: 1 to " + MAX_DRAW_BYTES);
    }
  }

  private static List<SourceDriver> candidates(String sourceId) throws SourceUnavailableException {
    if (sourceId != null) {
      SourceDriver driver =
          Sources.driver(sourceId)
              .orElseThrow(() -> new SourceUnavailableException("no source named " + sourceId));
      return List.of(driver);
    }
    List<SourceDriver> found = new ArrayList<>();
    for (SourceDriver driver : Sources.drivers()) {
      if (driver.isAvailable()) {
        found.add(driver);
      }
    }
    return found;
  }

  private Draw drawFrom(SourceDriver driver, int bytes) throws EntropyException {
    HealthTestedSource tested = tested(driver);
    EntropySource source = tested.source();
    long alarmsBefore = tested.alarms();
    byte[] out = new byte[bytes];
    try {
      new HardwareEntropy(tested).nextBytes(out, deadline);
    } catch (SourceUnavailableException e) {
      // Gone or timed out: open it afresh next time. A health failure instead stays recorded in
      // the kept wrapper, so a permanently failed source keeps failing until restart.
      opened.remove(driver.id());
      source.close();
      throw e;
    }
    String health = tested.alarms() == alarmsBefore ? "pass" : "degraded";
    DrawEvent event =
        new DrawEvent(
            "draw",
            source.id(),
            SourceClass.HARDWARE.label(),
            bytes,
            1.0,
            source.minEntropyBasis() + "; hmac-sha256 vetted conditioning, 320 bits in per 256 out",
            health,
            out);
    return new Draw(out, log.append(event));
  }

  /**
   * The open, health-tested source of {@code driver}, kept between draws so that the start-up test
   * runs once and the continuous tests see one unbroken stream.
   */
  private HealthTestedSource tested(SourceDriver driver) throws SourceUnavailableException {
    HealthTestedSource tested = opened.get(driver.id());
    if (tested != null) {
      return tested;
    }
    EntropySource source = driver.open();
    if (source.sourceClass() != SourceClass.HARDWARE) {
      source.close();
      throw new SourceUnavailableException(
          "source " + source.id() + " is " + source.sourceClass().label() + ", not hardware");
    }
    tested = HealthTestedSource.wrap(source);
    opened.put(driver.id(), tested);
    return tested;
  }

  @Override
  public synchronized void close() {
    opened.values().forEach(t -> t.source().close());
    opened.clear();
    log.close();
  }
}
