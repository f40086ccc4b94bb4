package io.quamtx.provenance;

/**
 * A snapshot of the log's state.
 *
 * @param records number of records, the genesis record included
 * @param headChainHash chain hash of the newest record, {@code sha256:<hex>}
 * @param writable false once a write or sync failed; the log then refuses appends
 * @param keyName name of the active signing key, {@code quamtx-edge-<key id>} (Ed25519) or {@code
 *     quamtx-hsm-<key id>} (ECDSA P-256 in a PKCS#11 token)
 * @param lastCheckpoint the newest signed checkpoint (C2SP signed note text), or null before any
 * @param logId the log's id, {@code qmx1:...}
 */
public record LogStatus(
    long records,
    String headChainHash,
    boolean writable,
    String keyName,
    String lastCheckpoint,
    String logId) {}
