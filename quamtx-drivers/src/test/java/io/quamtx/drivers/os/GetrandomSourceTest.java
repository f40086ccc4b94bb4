package io.quamtx.drivers.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.health.HealthTestedSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GetrandomSourceTest {
  @Test
  void readsFallbackClassBytesThroughHealthTests() throws Exception {
    try (GetrandomSource source = GetrandomSource.open()) {
      assertEquals(SourceClass.FALLBACK, source.sourceClass());
      HealthTestedSource tested = HealthTestedSource.wrap(source);
      byte[] buf = new byte[100_000];
      int n = tested.read(buf, 0, buf.length, Duration.ofSeconds(5));
      assertEquals(65_536, n, "one getrandom chunk");
      int[] counts = new int[256];
      for (int i = 0; i < n; i++) {
        counts[buf[i] & 0xff]++;
      }
      for (int c : counts) {
        assertTrue(c > 150 && c < 370, "byte count " + c + " far from 256");
      }
    }
  }

  @Test
  void closedSourceRefusesReads() throws Exception {
    GetrandomSource source = GetrandomSource.open();
    source.close();
    SourceUnavailableException e =
        assertThrows(
            SourceUnavailableException.class,
            () -> source.read(new byte[8], 0, 8, Duration.ofSeconds(1)));
    assertEquals(Reason.CLOSED, e.reason());
  }
}
