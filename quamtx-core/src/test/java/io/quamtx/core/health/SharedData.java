package io.quamtx.core.health;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/testdata/90b} and skips the calling test when it is absent. */
public final class SharedData {
  private SharedData() {}

  /** The folder of NIST reference figures; skips the test if it is missing. */
  public static Path dir90b() {
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"), "testdata", "90b");
    assumeTrue(Files.isDirectory(dir), "shared SP 800-90B test data not found at " + dir);
    return dir;
  }

  /** Parses one JSON file of the 90b folder. */
  public static JsonNode json(String name) throws IOException {
    return new ObjectMapper().readTree(dir90b().resolve(name).toFile());
  }
}
