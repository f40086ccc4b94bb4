package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quamtx sources} on this machine's real sources, through a child JVM. */
class SourcesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, JsonNode> byId(CliRun run) throws Exception {
    Map<String, JsonNode> sources = new HashMap<>();
    for (JsonNode s : JSON.readTree(run.out()).get("sources")) {
      sources.put(s.get("id").asText(), s);
    }
    return sources;
  }

  @Test
  void listsTheRealSourcesWithLiveCounters() throws Exception {
    CliRun run = CliRun.run("sources", "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    Map<String, JsonNode> sources = byId(run);
    for (String id : new String[] {"rdseed", "hwrng", "os"}) {
      JsonNode s = sources.get(id);
      assertEquals("available", s.get("state").asText(), id + ": " + s);
      assertTrue(s.get("bytes").asLong() >= 1024, id + " read " + s.get("bytes"));
      assertEquals(0, s.get("health_failures").asLong(), id);
    }
    assertEquals("hardware", sources.get("rdseed").get("class").asText());
    assertEquals("hardware", sources.get("hwrng").get("class").asText());
    assertEquals("fallback", sources.get("os").get("class").asText());
    String current = Files.readString(Path.of("/sys/class/misc/hw_random/rng_current")).trim();
    assertEquals(current, sources.get("hwrng").get("details").get("rng_current").asText());
    assertEquals("unavailable", sources.get("truerng").get("state").asText());
  }

  @Test
  void aFileOfZerosFailsItsHealthTestsAndExitsOne(@TempDir Path dir) throws Exception {
    Path zeros = Files.write(dir.resolve("zeros"), new byte[1 << 16]);
    CliRun run = CliRun.run("sources", "--json", "file:" + zeros);
    assertEquals(1, run.exitCode(), run.stderr());
    JsonNode s = byId(run).get("file:" + zeros);
    assertEquals("failed", s.get("state").asText());
    assertEquals(3, s.get("health_failures").asLong());
    assertTrue(s.get("reason").asText().contains("RCT"), s.toString());
  }

  @Test
  void tableHasOneLinePerSourceAndBadInputExitsTwo() throws Exception {
    CliRun table = CliRun.run("sources", "os", "hwrng");
    assertEquals(0, table.exitCode(), table.stderr());
    String[] lines = table.out().split("\n");
    assertEquals(3, lines.length, table.out());
    assertTrue(lines[1].matches("os\\s+fallback\\s+available\\s+\\d+.*"), lines[1]);
    assertEquals(2, CliRun.run("sources", "--bytes", "0").exitCode());
    assertEquals(2, CliRun.run("sources", "file:/x?h=99").exitCode());
  }
}
