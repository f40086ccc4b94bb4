package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.reservoir.Reservoir;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved SP 800-90B assessment of a live source becomes its claim inside the provider's reservoir
 * too, and the provider's seed records name it as their basis.
 */
final class AssessedClaimTest {

  @Test
  void simulatedSourceWithASavedAssessmentSeedsRecordsThatNameIt(@TempDir Path home)
      throws Exception {
    Assessments.save(home, "sim", 8, 6.25, "non-iid track, 1000000 samples, sha256:ab12");

    String basis = firstSeedBasis(home, 6.25);

    assertTrue(
        basis.startsWith(
            "sim: sp800-90b assessment: non-iid track, 1000000 samples, sha256:ab12; "),
        basis);
    assertTrue(basis.endsWith("; instantiate"), basis);
  }

  @Test
  void simulatedSourceWithoutAssessmentKeepsItsDriversBasis(@TempDir Path home) throws Exception {
    String basis = firstSeedBasis(home, 7.0);

    assertTrue(basis.startsWith("sim: config; "), basis);
  }

  /**
   * Seeds a provider from one simulated source, with the claims saved under {@code home} applied,
   * checks the claim the source's health tests use, and answers the first seed record's basis.
   */
  private static String firstSeedBasis(Path home, double claim) throws Exception {
    SimulatedDriver driver = new SimulatedDriver(new SimulatedSource("sim", 11), false);
    try (ProvenanceLog log = ProvenanceLog.open(home);
        Reservoir r =
            Reservoir.fromDrivers(List.of(driver), 4096, s -> Assessments.apply(home, s.id(), s));
        QuamtxEngine engine =
            QuamtxEngine.builder().reservoir(r).provenance(new ProvenanceLogSink(log)).build()) {
      assertEquals(claim, r.sources().get(0).claimedMinEntropy(), "the claim the tests rest on");
      long before = log.status().records();
      SecureRandom.getInstance("QUAMTX", new QuamtxProvider(engine)).nextBytes(new byte[32]);
      return String.valueOf(log.record(before).get("min_entropy_basis"));
    }
  }
}
