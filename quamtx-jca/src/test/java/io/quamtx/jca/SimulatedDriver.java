package io.quamtx.jca;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Simulated driver: opens its source once {@code release} is counted down (at most 5 s later), as a
 * slow device would; {@code opened} is set when open has returned.
 */
final class SimulatedDriver implements SourceDriver {
  private final EntropySource source;
  final CountDownLatch release = new CountDownLatch(1);
  volatile boolean opened;
  volatile boolean quick;

  SimulatedDriver(EntropySource source, boolean slow) {
    this.source = source;
    if (!slow) {
      release.countDown();
    }
  }

  @Override
  public String id() {
    return source.id();
  }

  @Override
  public int preference() {
    return 0;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public Optional<Throwable> unavailabilityCause() {
    return Optional.empty();
  }

  @Override
  public boolean opensQuickly() {
    return quick;
  }

  @Override
  public EntropySource open() throws SourceUnavailableException {
    try {
      release.await(5, TimeUnit.SECONDS);
      return source;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException("simulated " + source.id() + " interrupted", e);
    } finally {
      opened = true;
    }
  }
}
