package io.quamtx.core.reservoir;

import io.quamtx.core.SourceClass;

/**
 * The part of a {@link Draw} that one source supplied.
 *
 * @param sourceId the source's id, such as {@code hwrng}
 * @param sourceClass the class of its output
 * @param bytes bytes of conditioned, full-entropy material it supplied
 * @param minEntropyBits the min-entropy those bytes carry, in bits
 * @param minEntropyBasis where the source's min-entropy claim comes from (its {@link
 *     io.quamtx.core.EntropySource#minEntropyBasis()}), so a record of the draw can name it
 */
public record Contribution(
    String sourceId,
    SourceClass sourceClass,
    int bytes,
    int minEntropyBits,
    String minEntropyBasis) {}
