package io.quamtx.jca;

import io.quamtx.core.SourceClass;

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
  /** A sink that keeps nothing (a class, not a lambda: it is built on a fresh JVM's first draw). */
  ProvenanceSink NONE =
      new ProvenanceSink() {
        @Override
        public void record(SeedRecord record) {}
      };

  void record(SeedRecord record);

  /**
   * Records that the engine switched the class of what backs its output, from hardware to the OS
   * fallback or back, so that no fallback is silent. The default records nothing.
   *
   * @throws RuntimeException when it cannot be recorded; the engine then fails closed
   */
  default void sourceChanged(SourceClass from, SourceClass to, String reason) {}
}
