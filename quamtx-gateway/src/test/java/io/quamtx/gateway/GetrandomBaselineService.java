package io.quamtx.gateway;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.drivers.os.GetrandomSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The load test's baseline: bytes straight from {@code getrandom(2)} with no record, no proof and
 * no health test, answered through the same server, so the difference is what provenance costs.
 * Never used outside the load test.
 */
final class GetrandomBaselineService implements EntropyService {
  private final ThreadLocal<GetrandomSource> sources =
      ThreadLocal.withInitial(GetrandomBaselineService::open);

  private static GetrandomSource open() {
    try {
      return GetrandomSource.open();
    } catch (SourceUnavailableException e) {
      throw new IllegalStateException("getrandom is not available here", e);
    }
  }

  @Override
  public Draw draw(int bytes, SourceClass sc, String requester) throws EntropyException {
    byte[] data = new byte[bytes];
    GetrandomSource s = sources.get();
    for (int got = 0; got < bytes; ) {
      got += s.read(data, got, bytes - got, Duration.ofSeconds(1));
    }
    return new Draw(data, sc, "none", "null", "");
  }

  @Override
  public Optional<String> verify(String id) {
    return Optional.empty();
  }

  @Override
  public Optional<String> audit(String id) {
    return Optional.empty();
  }

  @Override
  public HealthReport health() {
    return new HealthReport(List.of(), Optional.empty());
  }
}
