package io.quamtx.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.Sources;
import io.quamtx.drivers.internal.NativeLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static final Map<String, SourceDriver> DRIVERS =
      Sources.drivers().stream().collect(Collectors.toMap(SourceDriver::id, Function.identity()));

  @Test
  void driversAreFoundMostPreferredFirst() {
    List<String> ids = Sources.drivers().stream().map(SourceDriver::id).toList();
    assertEquals(List.of("quantis", "truerng", "onerng", "rdseed", "hwrng", "os", "file"), ids);
  }

  @Test
  void rdseedIsTheOnlyBuiltInDriverThatOpensQuicklyAndIsFoundFirst() {
    List<String> quick =
        Sources.drivers().stream()
            .filter(SourceDriver::opensQuickly)
            .map(SourceDriver::id)
            .toList();
    assertEquals(List.of("rdseed"), quick);
    assertEquals("rdseed", Sources.firstQuickDriver().orElseThrow().id());
  }

  @Test
  void theBuiltInSourcesOfThisMachineAreAvailable() {
    assertEquals(Optional.empty(), cause("hwrng"));
    assertEquals(Optional.empty(), cause("os"));
    if (shimBuilt()) {
      assertEquals(Optional.empty(), cause("rdseed"));
    } else {
      assertTrue(cause("rdseed").orElseThrow().contains("not in the jar"));
    }
  }

  @Test
  void absentDevicesSayWhy() {
    for (String id : List.of("quantis", "truerng", "onerng", "file")) {
      SourceDriver d = DRIVERS.get(id);
      if (d.isAvailable()) {
        continue;
      }
      Throwable t = d.unavailabilityCause().orElseThrow();
      assertEquals(Reason.ABSENT, ((SourceUnavailableException) t).reason(), id);
    }
  }

  private static Optional<String> cause(String id) {
    return DRIVERS.get(id).unavailabilityCause().map(Throwable::getMessage);
  }

  /** The build skips the shim without a C compiler; the driver must then say so. */
  private static boolean shimBuilt() {
    String path = "/META-INF/native/" + NativeLoader.platform() + "/libquamtx_rdseed.so";
    return DiscoveryTest.class.getResource(path) != null;
  }
}
