package io.quamtx.provenance;

/**
 * A checkpoint the log has signed: the tree size it covers and its C2SP signed note (format in
 * docs/FORMAT.md, section Checkpoints). Immutable.
 *
 * @param size number of records covered
 * @param note the signed note text
 */
public record SignedCheckpoint(long size, String note) {}
