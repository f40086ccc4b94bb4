package io.quamtx.provenance;

/**
 * When {@link ProvenanceLog#append} returns relative to the record reaching the disk.
 *
 * <p>{@link #STRICT} and {@link #BATCHED} both return only once the record is durable; appends from
 * concurrent threads share one fsync (group commit). {@link #BATCHED} also waits up to the batch
 * delay for more records before syncing, trading latency for throughput; it stops waiting as soon
 * as as many records wait as the previous group held, so steady load pays no idle delay. {@link
 * #ASYNC} returns once the record is written to the operating system and syncs it within the flush
 * interval; it is allowed for reseed records only, which then say {@code "durability": "async"} and
 * carry no per-record signature (the next checkpoint covers them once durable).
 */
public enum Durability {
  STRICT,
  BATCHED,
  ASYNC
}
