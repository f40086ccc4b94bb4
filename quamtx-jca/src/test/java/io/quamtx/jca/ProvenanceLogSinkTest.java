package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.core.reservoir.Reservoir;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Verification;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds and hardware draws land in the real provenance log, and the log still verifies. */
final class ProvenanceLogSinkTest {

  @Test
  void simulatedSeedsAndHardwareDrawsAreLoggedAndVerify(@TempDir Path home) throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      ProvenanceLogSink sink = new ProvenanceLogSink(log);
      Reservoir r =
          Reservoir.builder()
              .source(HealthTestedSource.wrap(new SimulatedSource("sim", 5)), 1)
              .start();
      try (QuamtxEngine engine = QuamtxEngine.builder().reservoir(r).provenance(sink).build()) {
        QuamtxProvider p = new QuamtxProvider(engine);
        long before = log.status().records();
        SecureRandom.getInstance("QUAMTX", p).nextBytes(new byte[32]);
        assertEquals(before + 2, log.status().records(), "entropy input and nonce records");
        Map<String, Object> seed = log.record(before);
        assertEquals("conditioned", seed.get("source_class"));
        assertEquals("sim", seed.get("source_id"));
        SecureRandom.getInstance("QUAMTX-HARDWARE", p).nextBytes(new byte[64]);
        assertEquals(before + 3, log.status().records());
        Map<String, Object> draw = log.record(before + 2);
        assertEquals("hardware", draw.get("source_class"));
        assertTrue(draw.get("output_commitment") != null, draw.toString());
        Verification v = log.verify(sink.lastReceipt().provenanceId()).orElseThrow();
        assertTrue(v.valid(), v.reason());
      }
    }
  }

  @Test
  void anAllowedFallbackWritesASignedSourceChangeBeforeItsSeeds(@TempDir Path home)
      throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(home);
        QuamtxEngine engine =
            QuamtxEngine.builder()
                .fallback(FallbackPolicy.OS)
                .provenance(new ProvenanceLogSink(log))
                .build()) {
      long before = log.status().records();
      SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine)).nextBytes(new byte[32]);

      Map<String, Object> change = log.record(before);
      assertEquals("source_change", change.get("type"));
      assertEquals("hardware", change.get("from_class"));
      assertEquals("fallback", change.get("to_class"));
      assertEquals("fallback", log.record(before + 1).get("source_class"));
      Verification v = log.verify((String) change.get("provenance_id")).orElseThrow();
      assertTrue(v.valid(), v.reason());
    }
  }
}
