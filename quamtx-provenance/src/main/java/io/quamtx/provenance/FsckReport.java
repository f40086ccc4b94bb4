package io.quamtx.provenance;

import java.util.List;

/**
 * What {@link Fsck#check} found.
 *
 * @param ok true when no problem was found
 * @param records whole records that continue the chain, the genesis record included
 * @param signatures record signatures verified
 * @param checkpoints signed checkpoints whose signature and root were re-derived
 * @param headChainHash chain hash of the last good record, or null for an empty log
 * @param problems each problem in words, naming the file and byte offset where it applies
 */
public record FsckReport(
    boolean ok,
    long records,
    long signatures,
    long checkpoints,
    String headChainHash,
    List<String> problems) {}
