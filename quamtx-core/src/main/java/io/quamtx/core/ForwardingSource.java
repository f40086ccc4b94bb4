package io.quamtx.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link EntropySource} that passes every call to another, for wrappers that change one aspect
 * of a source (what is recorded of its reads, its min-entropy claim) and keep the rest.
 *
 * <p>Thread-safety and blocking are those of the wrapped source.
 */
public abstract class ForwardingSource implements EntropySource {
  private final EntropySource source;

  protected ForwardingSource(EntropySource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The wrapped source. */
  public final EntropySource source() {
    return source;
  }

  @Override
  public String id() {
    return source.id();
  }

  @Override
  public SourceClass sourceClass() {
    return source.sourceClass();
  }

  @Override
  public int sampleBits() {
    return source.sampleBits();
  }

  @Override
  public double claimedMinEntropy() {
    return source.claimedMinEntropy();
  }

  @Override
  public String minEntropyBasis() {
    return source.minEntropyBasis();
  }

  @Override
  public Map<String, String> details() {
    return source.details();
  }

  @Override
  public long notReadyCount() {
    return source.notReadyCount();
  }

  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    return source.read(buf, off, len, deadline);
  }

  @Override
  public void close() {
    source.close();
  }
}
