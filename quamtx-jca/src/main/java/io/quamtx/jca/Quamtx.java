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
import io.quamtx.provenance.LogLockedException;
import io.quamtx.provenance.LogOptions;
import io.quamtx.provenance.ProvenanceException;
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

  private static final Duration LOCK_RETRY = Duration.ofMillis(20);

  private final Path home;
  private final ProvenanceLog log;
  private final Duration deadline;
  private final Map<String, HealthTestedSource> opened = new HashMap<>();

  private Quamtx(Path home, ProvenanceLog log, Duration deadline) {
    this.home = home;
    this.log = log;
    this.deadline = deadline;
  }

  /**
   * Opens the state directory {@code home}, creating the log and signing key on first use.
   *
   * @throws EntropyException when the log cannot be opened or created there
   */
  public static Quamtx open(Path home, Duration deadline) throws EntropyException {
    return open(home, deadline, LogOptions.defaults());
  }

  /**
   * Opens the state directory {@code home} with the given log tuning, for instance batched
   * durability for a server that draws often.
   *
   * @throws EntropyException when the log cannot be opened or created there
   */
  public static Quamtx open(Path home, Duration deadline, LogOptions options)
      throws EntropyException {
    Objects.requireNonNull(home, "home");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline " + deadline + "; must be positive");
    }
    return new Quamtx(home, openLog(home, deadline, options), deadline);
  }

  /**
   * Opens the provenance log under {@code home}, waiting up to {@code wait} while another process
   * holds it, so that short commands run one after another instead of failing.
   *
   * @throws LogLockedException when the log is still held after {@code wait}
   * @throws ProvenanceException when the log cannot be opened for another reason
   */
  public static ProvenanceLog openLog(Path home, Duration wait) throws ProvenanceException {
    return openLog(home, wait, LogOptions.defaults());
  }

  /** {@link #openLog(Path, Duration)} with the given log tuning. */
  public static ProvenanceLog openLog(Path home, Duration wait, LogOptions options)
      throws ProvenanceException {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        return ProvenanceLog.open(home, options);
      } catch (LogLockedException e) {
        if (System.nanoTime() - end >= 0) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() throws ProvenanceException {
    try {
      Thread.sleep(LOCK_RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvenanceException("interrupted while waiting for the log lock", e);
    }
  }

  /** The provenance log behind this instance. */
  public ProvenanceLog log() {
    return log;
  }

  /**
   * Draws {@code bytes} bytes of full-entropy hardware output.
   *
   * @param sourceId a source spec such as {@code rdseed} or {@code file:/dev/chaoskey0}, or null
   *     for the best healthy hardware source
   * @throws IllegalArgumentException when {@code bytes} is outside 1 to {@value #MAX_DRAW_BYTES}
   * @throws EntropyException when no named or hardware source yields healthy samples in time, or
   *     the record cannot be made durable; no bytes are returned then
   */
  public Draw draw(int bytes, String sourceId) throws EntropyException {
    return draw(bytes, sourceId, null);
  }

  /**
   * Draws as {@link #draw(int, String)} does, on behalf of {@code requester}, which the record
   * names in its optional {@code requester} field (docs/FORMAT.md).
   *
   * @param requester a stable, non-secret label of who asked (for instance a hash of an API key's
   *     id), or null for none
   * @throws IllegalArgumentException when {@code bytes} is out of range or {@code requester} is not
   *     1 to 128 printable ASCII characters without spaces
   * @throws EntropyException as {@link #draw(int, String)}
   */
  public synchronized Draw draw(int bytes, String sourceId, String requester)
      throws EntropyException {
    checkSize(bytes);
    List<String> failures = new ArrayList<>();
    for (String spec : candidates(sourceId)) {
      try {
        return drawFrom(spec, bytes, requester);
      } catch (HealthTestException | SourceUnavailableException e) {
        if (sourceId != null) {
          throw e;
        }
        failures.add(spec + ": " + e.getMessage());
      }
    }
    throw new SourceUnavailableException("no healthy hardware source: " + failures);
  }

  private static void checkSize(int bytes) {
    if (bytes < 1 || bytes > MAX_DRAW_BYTES) {
      throw new IllegalArgumentException("bytes " + bytes + "; allowed: 1 to " + MAX_DRAW_BYTES);
    }
  }

  /** The named source alone, or every available driver, most preferred first. */
  private static List<String> candidates(String sourceId) {
    if (sourceId != null) {
      return List.of(sourceId);
    }
    List<String> found = new ArrayList<>();
    for (SourceDriver driver : Sources.drivers()) {
      if (driver.isAvailable()) {
        found.add(driver.id());
      }
    }
    return found;
  }

  private Draw drawFrom(String spec, int bytes, String requester) throws EntropyException {
    HealthTestedSource tested = tested(spec);
    EntropySource source = tested.source();
    long alarmsBefore = tested.alarms();
    byte[] out = new byte[bytes];
    try {
      new HardwareEntropy(tested).nextBytes(out, deadline);
    } catch (SourceUnavailableException e) {
      // Gone or timed out: open it afresh next time. A health failure instead stays recorded in
      // the kept wrapper, so a permanently failed source keeps failing until restart.
      opened.remove(spec);
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
            out,
            requester);
    return new Draw(out, log.append(event));
  }

  /**
   * The open, health-tested source named by {@code spec}, kept between draws so that the start-up
   * test runs once and the continuous tests see one unbroken stream.
   */
  private HealthTestedSource tested(String spec) throws EntropyException {
    HealthTestedSource tested = opened.get(spec);
    if (tested != null) {
      return tested;
    }
    EntropySource raw = Sources.open(spec);
    EntropySource source;
    try {
      source = Assessments.apply(home, spec, raw);
    } catch (IllegalStateException e) {
      raw.close();
      throw e;
    }
    tested = HealthTestedSource.wrap(source);
    if (source.sourceClass() != SourceClass.HARDWARE) {
      refuseNonHardware(tested);
    }
    opened.put(spec, tested);
    return tested;
  }

  /**
   * Refuses a source that is not of the hardware class, after its start-up health test, so that a
   * stuck or failing source is reported as such rather than only as the wrong class.
   */
  private void refuseNonHardware(HealthTestedSource tested) throws EntropyException {
    EntropySource source = tested.source();
    try {
      tested.read(new byte[8], 0, 8, deadline);
    } finally {
      source.close();
    }
    throw new SourceUnavailableException(
        "source " + source.id() + " is " + source.sourceClass().label() + ", not hardware");
  }

  @Override
  public synchronized void close() {
    opened.values().forEach(t -> t.source().close());
    opened.clear();
    log.close();
  }
}
