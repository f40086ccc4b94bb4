package io.quamtx.jca;

import io.quamtx.core.SourceClass;
import io.quamtx.core.drbg.EntropyInput;
import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.core.reservoir.Reservoir;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Engines over simulated sources, with an in-memory provenance sink. */
final class Engines {
  private Engines() {}

  /**
   * Entropy input counting up from 0 across calls: two of them give a thread's DRBG and its twin
   * the same input.
   */
  static EntropyInput counter() {
    byte[] next = {0};
    return (bits, min, max, pr) -> {
      byte[] b = new byte[min];
      for (int i = 0; i < min; i++) {
        b[i] = next[0]++;
      }
      return b;
    };
  }

  static final class Recorder implements ProvenanceSink {
    final List<SeedRecord> records = new CopyOnWriteArrayList<>();
    final List<String> changes = new CopyOnWriteArrayList<>();

    @Override
    public void record(SeedRecord r) {
      records.add(r);
    }

    @Override
    public void sourceChanged(SourceClass from, SourceClass to, String reason) {
      changes.add(from.label() + "->" + to.label());
    }

    long count(String purpose) {
      return records.stream().filter(r -> r.purpose().equals(purpose)).count();
    }
  }

  static QuamtxEngine simulated(Recorder recorder, SimulatedSource... sources) {
    return builder(recorder, sources).build();
  }

  /** As {@link #simulated}, with AES reported ready only when {@code aesReady} says so. */
  static QuamtxEngine simulated(
      Recorder recorder, BooleanSupplier aesReady, SimulatedSource... sources) {
    return builder(recorder, sources).aesReady(aesReady).build();
  }

  private static QuamtxEngine.Builder builder(Recorder recorder, SimulatedSource... sources) {
    Reservoir.Builder b = Reservoir.builder().waterMarks(64, 4096);
    for (SimulatedSource s : sources) {
      b.source(HealthTestedSource.wrap(s), 1);
    }
    return QuamtxEngine.builder()
        .reservoir(b.start())
        .provenance(recorder)
        .seedDeadline(Duration.ofSeconds(5))
        .hardwareDeadline(Duration.ofMillis(500));
  }
}
