package io.quamtx.gateway;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the gateway needs from the library: draws with a durable provenance record, the proofs for a
 * record, an audit segment, and the health of the parts behind them.
 *
 * <p>Thread-safety: implementations are called concurrently from the server's request threads.
 * Every method may block (a draw waits until its record is durable).
 */
public interface EntropyService {

  /**
   * Draws {@code bytes} bytes of {@code sourceClass} and writes their record before returning.
   *
   * @param requester the hashed key id written into the record; never the key itself
   * @throws io.quamtx.core.SourceUnavailableException when no healthy source of the class exists;
   *     no record is written and no bytes of another class are served instead
   * @throws EntropyException for any other failure of the source or the log
   */
  Draw draw(int bytes, SourceClass sourceClass, String requester) throws EntropyException;

  /**
   * Draws like {@link #draw}, but the answer may come later: the stage completes with the draw once
   * its record is durable, or exceptionally with the {@link EntropyException} (possibly wrapped in
   * a {@link java.util.concurrent.CompletionException}) that {@link #draw} would throw. A server
   * that answers from the stage needs no thread parked per draw while the log syncs.
   *
   * <p>The default calls {@link #draw} on the calling thread. An implementation may complete the
   * stage on a thread of its own, so work chained to it should be short and never block.
   */
  default CompletionStage<Draw> drawAsync(int bytes, SourceClass sourceClass, String requester) {
    try {
      return CompletableFuture.completedFuture(draw(bytes, sourceClass, requester));
    } catch (EntropyException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The signed record and its chain proof as one JSON object.
   *
   * @return empty when no record has this id
   * @throws IllegalArgumentException when {@code provenanceId} is not a well-formed id
   * @throws EntropyException when the log cannot be read
   */
  Optional<String> verify(String provenanceId) throws EntropyException;

  /**
   * The signed JSONL audit segment around the record, the same text {@code quamtx audit} writes.
   *
   * @return empty when no record has this id
   * @throws IllegalArgumentException when {@code provenanceId} is not a well-formed id
   * @throws EntropyException when the log cannot be read
   */
  Optional<String> audit(String provenanceId) throws EntropyException;

  /** The health of the log, the reservoir and the sources; never throws, never blocks long. */
  HealthReport health();
}
