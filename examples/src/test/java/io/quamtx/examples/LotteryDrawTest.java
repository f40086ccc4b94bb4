package io.quamtx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.ProvenanceLog;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LotteryDrawTest {
  @TempDir Path home;

  @Test
  void drawsSixDistinctNumbersWithAVerifiableRecord() throws Exception {
    LotteryDraw.Result result = LotteryDraw.draw(home);

    assertEquals(6, result.numbers().size());
    assertEquals(6, new HashSet<>(result.numbers()).size());
    result.numbers().forEach(n -> assertTrue(n >= 1 && n <= 49, "out of range: " + n));
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      assertTrue(log.verify(result.provenanceId()).orElseThrow().valid());
    }
  }

  @Test
  void rejectionSamplingSkipsBytesThatWouldBias() {
    // 49 * 5 = 245: bytes 245..255 would favour the low numbers, so they are skipped.
    byte[] bytes = {(byte) 250, 0, (byte) 245, 47, 1, 0, 0, 0};
    List<Integer> picked = LotteryDraw.pick(bytes);

    assertEquals(List.of(1, 49, 3, 2, 4, 5), picked);
  }

  @Test
  void tooFewAcceptedBytesIsAnError() {
    byte[] allRejected = new byte[64];
    java.util.Arrays.fill(allRejected, (byte) 255);

    assertThrows(IllegalStateException.class, () -> LotteryDraw.pick(allRejected));
  }
}
