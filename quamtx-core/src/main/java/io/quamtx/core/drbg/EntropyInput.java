package io.quamtx.core.drbg;

import io.quamtx.core.EntropyException;

/**
 * Where a {@link Drbg} gets its entropy input and nonce: the "Get_entropy_input" function of SP
 * 800-90A section 9.
 *
 * <p>Implementations decide whether they block; the one the provider uses is fed by the reservoir
 * and returns at once or throws.
 */
@FunctionalInterface
public interface EntropyInput {

  /**
   * Returns fresh input holding at least {@code minEntropyBits} bits of min-entropy.
   *
   * @param minEntropyBits the min-entropy required, in bits
   * @param minLength the shortest acceptable result, in bytes
   * @param maxLength the longest acceptable result, in bytes
   * @param predictionResistance whether the request serves prediction resistance, in which case the
   *     input must come straight from a live source rather than from stored material
   * @return a new array the caller may wipe, of {@code minLength..maxLength} bytes
   * @throws EntropyException when no healthy source can supply it
   */
  byte[] get(int minEntropyBits, int minLength, int maxLength, boolean predictionResistance)
      throws EntropyException;
}
