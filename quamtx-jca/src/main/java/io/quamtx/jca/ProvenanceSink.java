package io.quamtx.jca;

/**
 * Receives a {@link SeedRecord} for every draw of seed or full-entropy material, so every byte a
 * QUAMTX {@code SecureRandom} returns traces to a recorded draw. Plain {@code nextBytes} calls are
 * not recorded one by one.
 *
 * <p>Called on the thread that drew the material, inside {@code nextBytes} when it reseeds:
 * implementations must be thread-safe and quick. If it throws, the draw fails closed and the caller
 * gets a {@link QuamtxUnavailableException}.
 */
@FunctionalInterface
public interface ProvenanceSink {
  /** A sink that keeps nothing. */
  ProvenanceSink NONE = r -> {};

  void record(SeedRecord record);
}
