package io.quamtx.gateway;

import io.quamtx.core.SourceClass;
import java.util.Objects;

/**
 * One served draw: the bytes, the class they really came from, and their durable record.
 *
 * <p>The data array is copied in and out, so an instance is immutable; {@code equals} compares it
 * by identity, as records do, and is not meant to be used.
 *
 * @param data the random bytes, given only to the caller
 * @param sourceClass the class of the bytes actually served
 * @param provenanceId the id of the record
 * @param recordJson the durable record as JSON text, with its {@code chain_hash} and {@code
 *     signature} (null when signed checkpoints cover the record instead), as {@code quamtx draw}
 *     prints it under {@code provenance}
 * @param opening the commitment nonce in hex, which opens the record's {@code output_commitment};
 *     given only to the caller
 */
public record Draw(
    byte[] data, SourceClass sourceClass, String provenanceId, String recordJson, String opening) {

  /** Checks that nothing is missing and copies the data. */
  public Draw {
    data = Objects.requireNonNull(data, "data").clone();
    Objects.requireNonNull(sourceClass, "sourceClass");
    Objects.requireNonNull(provenanceId, "provenanceId");
    Objects.requireNonNull(recordJson, "recordJson");
    Objects.requireNonNull(opening, "opening");
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
