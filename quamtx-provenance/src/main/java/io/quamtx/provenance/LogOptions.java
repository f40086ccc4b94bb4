package io.quamtx.provenance;

import java.time.Duration;

/**
 * Tuning of a {@link ProvenanceLog}. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Defaults: draws {@link Durability#STRICT}, reseeds {@link Durability#BATCHED}, batch delay 2
 * ms, every record signed, a checkpoint every 1,000 records or 1 s (whichever first, only when
 * records were added), async flush every 50 ms, 64 MiB segments.
 */
public final class LogOptions {
  private final Durability drawDurability;
  private final Durability reseedDurability;
  private final Duration batchDelay;
  private final boolean signEachRecord;
  private final long checkpointEveryRecords;
  private final Duration checkpointInterval;
  private final Duration flushInterval;
  private final long segmentBytes;

  private LogOptions(Builder b) {
    this.drawDurability = b.drawDurability;
    this.reseedDurability = b.reseedDurability;
    this.batchDelay = b.batchDelay;
    this.signEachRecord = b.signEachRecord;
    this.checkpointEveryRecords = b.checkpointEveryRecords;
    this.checkpointInterval = b.checkpointInterval;
    this.flushInterval = b.flushInterval;
    this.segmentBytes = b.segmentBytes;
  }

  /** The defaults. */
  public static LogOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Durability drawDurability() {
    return drawDurability;
  }

  public Durability reseedDurability() {
    return reseedDurability;
  }

  public Duration batchDelay() {
    return batchDelay;
  }

  public boolean signEachRecord() {
    return signEachRecord;
  }

  public long checkpointEveryRecords() {
    return checkpointEveryRecords;
  }

  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  public Duration flushInterval() {
    return flushInterval;
  }

  public long segmentBytes() {
    return segmentBytes;
  }

  /** Checks each option as it is set; the message names the bad value. Not thread-safe. */
  public static final class Builder {
    private Durability drawDurability = Durability.STRICT;
    private Durability reseedDurability = Durability.BATCHED;
    private Duration batchDelay = Duration.ofMillis(2);
    private boolean signEachRecord = true;
    private long checkpointEveryRecords = 1000;
    private Duration checkpointInterval = Duration.ofSeconds(1);
    private Duration flushInterval = Duration.ofMillis(50);
    private long segmentBytes = 64L << 20;

    private Builder() {}

    /** STRICT or BATCHED; a draw's bytes must never be handed out before its record is durable. */
    public Builder drawDurability(Durability d) {
      if (d == null || d == Durability.ASYNC) {
        throw new IllegalArgumentException("draw durability must be STRICT or BATCHED, got " + d);
      }
      this.drawDurability = d;
      return this;
    }

    public Builder reseedDurability(Durability d) {
      if (d == null) {
        throw new IllegalArgumentException("reseed durability must not be null");
      }
      this.reseedDurability = d;
      return this;
    }

    public Builder batchDelay(Duration d) {
      this.batchDelay = positiveOrZero("batchDelay", d, Duration.ofSeconds(1));
      return this;
    }

    /**
     * Whether each durable record carries its own Ed25519 signature (the default). A signed record
     * is a receipt that verifies by itself the moment the append returns, which in-process callers
     * rely on. When false, draws are stored with {@code "signature": null} and bound instead by the
     * signed checkpoints over them, which are signed only over records already synced; {@link
     * ProvenanceLog#verify}, audits, {@link OfflineVerifier#replay} and {@code fsck} accept such
     * records through the checkpoint and its inclusion proof. This saves one signature per record
     * (the largest CPU cost of an append) and suits a gateway that answers with an inclusion proof
     * anyway; with {@code checkpointEveryRecords(1)} every group commit is followed by one signed
     * checkpoint covering the whole group. Asynchronous reseeds are never signed per record.
     */
    public Builder signEachRecord(boolean sign) {
      this.signEachRecord = sign;
      return this;
    }

    public Builder checkpointEveryRecords(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("checkpointEveryRecords must be >= 1, got " + n);
      }
      this.checkpointEveryRecords = n;
      return this;
    }

    public Builder checkpointInterval(Duration d) {
      this.checkpointInterval = positive("checkpointInterval", d);
      return this;
    }

    public Builder flushInterval(Duration d) {
      this.flushInterval = positive("flushInterval", d);
      return this;
    }

    /** Size at which a new segment file is started, 4 KiB to 1 GiB. */
    public Builder segmentBytes(long bytes) {
      if (bytes < 4096 || bytes > (1L << 30)) {
        throw new IllegalArgumentException("segmentBytes must be 4 KiB..1 GiB, got " + bytes);
      }
      this.segmentBytes = bytes;
      return this;
    }

    public LogOptions build() {
      return new LogOptions(this);
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    private static Duration positiveOrZero(String name, Duration d, Duration max) {
      if (d == null || d.isNegative() || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be 0.." + max + ", got " + d);
      }
      return d;
    }
  }
}
