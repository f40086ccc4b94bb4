package io.quamtx.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceDriver;
import io.quamtx.core.Sources;
import io.quamtx.drivers.internal.NativeLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  @Test
  void driversAreFoundMostPreferredFirst() {
    List<String> ids = Sources.drivers().stream().map(SourceDriver::id).toList();
    assertEquals(List.of("rdseed", "hwrng", "os"), ids);
  }

  @Test
  void everyDriverOnThisMachineIsAvailable() {
    for (SourceDriver d : Sources.drivers()) {
      if (d.id().equals("rdseed") && !shimBuilt()) {
        String cause = d.unavailabilityCause().orElseThrow().getMessage();
        assertTrue(cause.contains("not in the jar"), cause);
        continue;
      }
      assertEquals(
          java.util.Optional.empty(), d.unavailabilityCause().map(Throwable::getMessage), d.id());
    }
  }

  /** The build skips the shim without a C compiler; the driver must then say so. */
  private static boolean shimBuilt() {
    String path = "/META-INF/native/" + NativeLoader.platform() + "/libquamtx_rdseed.so";
    return DiscoveryTest.class.getResource(path) != null;
  }
}
