package io.quamtx.gateway;

import io.quamtx.core.SourceClass;
import java.util.Objects;
import java.util.Optional;

/**
 * One served draw: the bytes, the class they really came from, and their durable record.
 *
 * <p>The arrays are copied in and out, so an instance is immutable; {@code equals} compares them by
 * identity, as records do, and is not meant to be used.
 *
 * @param data the random bytes, given only to the caller
 * @param sourceClass the class of the bytes actually served
 * @param provenanceId the id of the record
 * @param recordJson the record as canonical JSON text, exactly as logged
 * @param chainHash the record's chain hash, {@code sha256:} and hex
 * @param commitment the record's output commitment, {@code sha256:} and hex
 * @param opening the nonce {@code r} that opens the commitment; given only to the caller
 * @param receipt the signed receipt text, when the log issues one
 */
public record Draw(
    byte[] data,
    SourceClass sourceClass,
    String provenanceId,
    String recordJson,
    String chainHash,
    String commitment,
    byte[] opening,
    Optional<String> receipt) {

  /** Checks that nothing is missing and copies the arrays. */
  public Draw {
    data = Objects.requireNonNull(data, "data").clone();
    opening = Objects.requireNonNull(opening, "opening").clone();
    Objects.requireNonNull(sourceClass, "sourceClass");
    Objects.requireNonNull(provenanceId, "provenanceId");
    Objects.requireNonNull(recordJson, "recordJson");
    Objects.requireNonNull(chainHash, "chainHash");
    Objects.requireNonNull(commitment, "commitment");
    Objects.requireNonNull(receipt, "receipt");
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public byte[] opening() {
    return opening.clone();
  }
}
