package io.quamtx.drivers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the NIST reference figures from the shared folder; skips the test when it is absent. */
public final class SharedData {
  private SharedData() {}

  /** The folder named by {@code quamtx.shared.dir}, or a skip. */
  public static Path dir() {
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"));
    assumeTrue(Files.isDirectory(dir), "shared data folder " + dir + " is absent; test skipped");
    return dir;
  }

  /** The SP 800-90B non-IID assessed min-entropy of a file in {@code testdata/90b}. */
  public static double nonIidMinEntropy(String file) throws IOException {
    JsonNode root =
        new ObjectMapper().readTree(dir().resolve("testdata/90b/expected.json").toFile());
    JsonNode value = root.at("/files/" + file + "/non_iid/vv/summary/Assessed min entropy");
    assumeTrue(!value.isMissingNode(), "no non-IID figure for " + file + "; test skipped");
    return Double.parseDouble(value.asText());
  }
}
