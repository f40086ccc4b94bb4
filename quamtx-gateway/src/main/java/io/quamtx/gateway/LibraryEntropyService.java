package io.quamtx.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.Sources;
import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import io.quamtx.core.drbg.Mechanism;
import io.quamtx.jca.Quamtx;
import io.quamtx.provenance.DrawEvent;
import io.quamtx.provenance.Durability;
import io.quamtx.provenance.LogOptions;
import io.quamtx.provenance.LogStatus;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Receipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway over the real library: hardware draws through {@link Quamtx}, conditioned draws from
 * an SP 800-90A HMAC_DRBG (SHA-256, 256-bit strength) whose seeds are themselves recorded hardware
 * draws, and every answered draw recorded in the same {@link ProvenanceLog} before it is answered.
 *
 * <p>A conditioned record names its DRBG and the provenance id of the hardware draw that last
 * seeded it in {@code source_id}, so each conditioned byte can be traced to a hardware record. Its
 * min-entropy claim is the DRBG's security strength spread over the draw: 256 bits, at most 1.0 per
 * byte. Health reports when the log's own cadence last signed a checkpoint, seen within a second.
 *
 * <p>Thread-safe. Hardware draws are serialised by {@link Quamtx}; conditioned draws hold a lock
 * only while the DRBG generates, and then block on the log's fsync like any append.
 */
public final class LibraryEntropyService implements EntropyService, AutoCloseable {
  private static final int STRENGTH_BYTES = 32;
  private static final int AUDIT_RADIUS = 8;
  private static final DrbgConfig DRBG =
      DrbgConfig.builder()
          .mechanism(Mechanism.HMAC_SHA_256)
          .strength(256)
          .reseedInterval(1L << 16)
          .build();
  /*
   * Batched durability: a draw's answer still waits for its record's fsync, but the requests that
   * arrive while one fsync runs share the next one. No extra gathering delay: under load the fsync
   * itself gathers the group, and when idle a delay would only add latency. Records are not signed
   * one by one (an Ed25519 signature per request was most of the CPU per draw); a signed
   * checkpoint covers them every 256 records or second, and on demand when /v1/verify asks about
   * a record no checkpoint covers yet, so every answered record is provable by inclusion.
   */
  static final LogOptions LOG_OPTIONS =
      LogOptions.builder()
          .drawDurability(Durability.BATCHED)
          .batchDelay(Duration.ZERO)
          .signEachRecord(false)
          .checkpointEveryRecords(256)
          .build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(LibraryEntropyService.class);

  private final Quamtx quamtx;
  private final ProvenanceLog log;
  private final List<SourceDriver> hardware;
  private final ScheduledExecutorService checkpoints;
  private final Object drbgLock = new Object();
  private Drbg drbg;
  private volatile Seed seed = Seed.of("none");
  private volatile String hardwareFault;
  private volatile String reservoirFault;
  private volatile String lastNote;
  private volatile Instant lastCheckpoint;

  private LibraryEntropyService(Quamtx quamtx, List<SourceDriver> hardware) {
    this.quamtx = quamtx;
    this.log = quamtx.log();
    this.hardware = hardware;
    this.checkpoints =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quamtx-gateway-checkpoints");
              t.setDaemon(true);
              return t;
            });
    checkpoints.scheduleWithFixedDelay(this::watchCheckpoints, 0, 1, TimeUnit.SECONDS);
  }

  /**
   * Opens the library's state directory (log and signing key) and finds the hardware sources.
   *
   * @param deadline how long one hardware draw may wait for its source
   * @throws EntropyException when the log cannot be opened, for instance because another process
   *     holds it
   */
  public static LibraryEntropyService open(Path home, Duration deadline) throws EntropyException {
    return new LibraryEntropyService(Quamtx.open(home, deadline, LOG_OPTIONS), hardwareDrivers());
  }

  private static List<SourceDriver> hardwareDrivers() {
    List<SourceDriver> found = new ArrayList<>();
    for (SourceDriver d : Sources.drivers()) {
      if (!d.isAvailable()) {
        continue;
      }
      try (EntropySource s = d.open()) {
        if (s.sourceClass() == SourceClass.HARDWARE) {
          found.add(d);
        }
      } catch (SourceUnavailableException e) {
        // Not usable now; health reports the hardware that is.
        continue;
      }
    }
    return List.copyOf(found);
  }

  @Override
  public Draw draw(int bytes, SourceClass sourceClass, String requester) throws EntropyException {
    switch (sourceClass) {
      case HARDWARE:
        return hardwareDraw(bytes, requester);
      case CONDITIONED:
        return conditionedDraw(bytes, requester);
      default:
        throw new SourceUnavailableException("the gateway serves no " + sourceClass.label());
    }
  }

  private Draw hardwareDraw(int bytes, String requester) throws EntropyException {
    io.quamtx.jca.Draw d;
    try {
      d = quamtx.draw(bytes, null, requester);
      hardwareFault = null;
    } catch (EntropyException e) {
      hardwareFault = "no healthy hardware source";
      throw e;
    }
    try {
      return answer(d.data(), SourceClass.HARDWARE, d.receipt());
    } finally {
      d.erase();
    }
  }

  private Draw conditionedDraw(int bytes, String requester) throws EntropyException {
    byte[] out = new byte[bytes];
    try {
      return answer(out, SourceClass.CONDITIONED, log.append(conditioned(out, requester)));
    } finally {
      Arrays.fill(out, (byte) 0);
    }
  }

  /**
   * Conditioned draws are answered from the log's answer thread once their record is durable; other
   * classes are drawn as by {@link #draw}.
   */
  @Override
  public CompletionStage<Draw> drawAsync(int bytes, SourceClass sourceClass, String requester) {
    if (sourceClass != SourceClass.CONDITIONED) {
      return EntropyService.super.drawAsync(bytes, sourceClass, requester);
    }
    byte[] out = new byte[bytes];
    CompletableFuture<Receipt> appended;
    try {
      appended = log.appendAsync(conditioned(out, requester));
    } catch (EntropyException e) {
      Arrays.fill(out, (byte) 0);
      return CompletableFuture.failedFuture(e);
    }
    return appended
        .thenApply(r -> answer(out, SourceClass.CONDITIONED, r))
        .whenComplete((d, e) -> Arrays.fill(out, (byte) 0));
  }

  /** Fills {@code out} from the DRBG and describes it as a draw event citing the seed. */
  private DrawEvent conditioned(byte[] out, String requester) throws EntropyException {
    Seed by;
    synchronized (drbgLock) {
      drbg().generate(out);
      by = seed;
    }
    double perByte = Math.min(1.0, (double) STRENGTH_BYTES / out.length);
    return new DrawEvent(
        "draw",
        by.sourceId(),
        SourceClass.CONDITIONED.label(),
        out.length,
        perByte,
        by.basis(),
        "pass",
        out,
        requester);
  }

  /** The DRBG, instantiated on first use; called with {@link #drbgLock} held. */
  private Drbg drbg() throws EntropyException {
    try {
      if (drbg == null) {
        drbg =
            Drbg.instantiate(DRBG, this::seed, "quamtx-gateway".getBytes(StandardCharsets.UTF_8));
      }
      reservoirFault = null;
      return drbg;
    } catch (EntropyException e) {
      reservoirFault = "the DRBG could not be seeded from hardware";
      throw e;
    }
  }

  /** Entropy input for the DRBG: a recorded hardware draw whose id later records cite. */
  private byte[] seed(int minEntropyBits, int minLength, int maxLength, boolean pr)
      throws EntropyException {
    int n = Math.min(maxLength, Math.max(minLength, (minEntropyBits + 7) / 8));
    io.quamtx.jca.Draw d = quamtx.draw(n, null);
    seed = Seed.of(d.receipt().provenanceId());
    byte[] input = d.data();
    d.erase();
    return input;
  }

  /** The hardware draw that last seeded the DRBG, with the texts each record cites it in. */
  private record Seed(String id, String sourceId, String basis) {
    static Seed of(String id) {
      return new Seed(
          id,
          "hmac_drbg-sha256<" + id,
          "sp800-90a hmac_drbg sha-256, 256-bit strength, seeded by " + id);
    }
  }

  private static Draw answer(byte[] data, SourceClass sc, Receipt r) {
    // The record's JSON as written: parsing it back only to serialise it again cost more than
    // the rest of the gateway's own work per draw.
    String record = new String(r.recordJson(), StandardCharsets.UTF_8);
    return new Draw(data, sc, r.provenanceId(), record, r.opening());
  }

  @Override
  public Optional<String> verify(String provenanceId) throws EntropyException {
    return log.verify(provenanceId).map(v -> json(v.toJson()));
  }

  /**
   * The signed audit segment ({@code quamtx-audit/v1}) of the records within eight of the draw,
   * which {@link io.quamtx.provenance.OfflineVerifier#replay} checks.
   */
  @Override
  public Optional<String> audit(String provenanceId) throws EntropyException {
    return log.audit(provenanceId, AUDIT_RADIUS, AUDIT_RADIUS)
        .map(lines -> String.join("\n", lines) + "\n");
  }

  /** The log's public keyset as JSON, which an auditor trusts to replay an audit segment. */
  public String keysetJson() {
    return json(log.keyset());
  }

  @Override
  public HealthReport health() {
    LogStatus s = log.status();
    boolean logOk = s.writable();
    boolean sourcesOk =
        hardware.stream().anyMatch(SourceDriver::isAvailable) && hardwareFault == null;
    List<HealthReport.Part> parts =
        List.of(
            new HealthReport.Part("log", logOk, logOk ? s.records() + " records" : "not writable"),
            new HealthReport.Part(
                "sources",
                sourcesOk,
                sourcesOk ? ids() : fault(hardwareFault, "no hardware source")),
            new HealthReport.Part(
                "reservoir",
                reservoirFault == null,
                fault(reservoirFault, "hmac_drbg seeded by " + seed.id())));
    return new HealthReport(parts, Optional.ofNullable(lastCheckpoint));
  }

  private String ids() {
    return String.join(", ", hardware.stream().map(SourceDriver::id).toList());
  }

  private static String fault(String fault, String otherwise) {
    return fault != null ? fault : otherwise;
  }

  /** Notes when the log's own checkpoint cadence has signed a new checkpoint. */
  private void watchCheckpoints() {
    try {
      String note = log.status().lastCheckpoint();
      if (note != null && !note.equals(lastNote)) {
        lastNote = note;
        lastCheckpoint = Instant.now();
      }
    } catch (RuntimeException e) {
      LOG.warn("the log status could not be read: {}", e.getClass().getName());
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("records hold only JSON values", e);
    }
  }

  /** Stops signing checkpoints and closes the log. */
  @Override
  public void close() {
    checkpoints.shutdownNow();
    synchronized (drbgLock) {
      if (drbg != null) {
        drbg.uninstantiate();
      }
    }
    quamtx.close();
  }
}
