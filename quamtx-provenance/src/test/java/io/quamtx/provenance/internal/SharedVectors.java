package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads vector files in place from the shared folder; tests skip when it is absent. */
final class SharedVectors {
  private SharedVectors() {}

  static Path dir(String relative) {
    Path root = Path.of(System.getProperty("quamtx.shared.dir", "../shared"));
    Path p = root.resolve("vectors").resolve(relative);
    assumeTrue(Files.isDirectory(p), "shared vectors not found at " + p + "; skipping");
    return p;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> json(Path p) {
    return Json.parseObject(read(p));
  }

  static List<Path> jsonFilesUnder(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
