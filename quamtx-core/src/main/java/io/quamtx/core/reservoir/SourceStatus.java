package io.quamtx.core.reservoir;

import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceState;

/**
 * A snapshot of one source behind a {@link Reservoir}.
 *
 * @param id the source's id
 * @param sourceClass its class
 * @param state its health, {@link SourceState#UNAVAILABLE} while reads fail
 * @param share blocks it contributes per mixing round
 * @param buffered conditioned bytes waiting in the reservoir
 * @param harvestedBytes conditioned bytes produced since start
 * @param contributedBytes bytes handed out in draws since start
 * @param errors failed harvest attempts since start
 * @param claimedMinEntropy the min-entropy per sample its health tests and conditioning rest on
 * @param minEntropyBasis where that claim comes from: the driver's default or an assessment
 */
public record SourceStatus(
    String id,
    SourceClass sourceClass,
    SourceState state,
    int share,
    int buffered,
    long harvestedBytes,
    long contributedBytes,
    long errors,
    double claimedMinEntropy,
    String minEntropyBasis) {}
