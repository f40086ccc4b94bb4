package io.quamtx.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drivers as named modules: a small application module, compiled here, finds the drivers
 * through {@code provides}/{@code uses} and reads real sources through JNA, which needs the {@code
 * opens} of the binding package.
 */
class ModulePathTest {
  private static final String MAIN =
      "package qxcheck;\n"
          + "public class Main {\n"
          + "  public static void main(String[] a) throws Exception {\n"
          + "    for (String spec : a) {\n"
          + "      try (io.quamtx.core.EntropySource s = io.quamtx.core.Sources.open(spec)) {\n"
          + "        byte[] b = new byte[64];\n"
          // A device may answer a read with fewer bytes than asked: keep reading to the count.
          + "        int n = 0;\n"
          + "        while (n < b.length) {\n"
          + "          n += s.read(b, n, b.length - n, java.time.Duration.ofSeconds(5));\n"
          + "        }\n"
          + "        System.out.println(spec + \" \" + n + \" \" + s.sourceClass().label());\n"
          + "      }\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  @TempDir Path dir;

  @Test
  void driversWorkFromTheModulePath() throws Exception {
    String modulePath = modulePath();
    Path src = Files.createDirectories(dir.resolve("src/qxcheck/qxcheck"));
    Files.writeString(src.resolve("Main.java"), MAIN);
    Files.writeString(
        dir.resolve("src/qxcheck/module-info.java"),
        "module qxcheck { requires io.quamtx.core; }\n");
    run(
        tool("javac"),
        "-d",
        dir.resolve("out").toString(),
        "--module-path",
        modulePath,
        "--module-source-path",
        dir.resolve("src").toString(),
        "-m",
        "qxcheck");
    List<String> lines =
        run(
            tool("java"),
            "--module-path",
            modulePath + File.pathSeparator + dir.resolve("out"),
            "--add-modules",
            "ALL-MODULE-PATH",
            "-m",
            "qxcheck/qxcheck.Main",
            "rdseed",
            "hwrng",
            "os");
    assertEquals(List.of("rdseed 64 hardware", "hwrng 64 hardware", "os 64 fallback"), lines);
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a command; its standard output as lines, its error output only in failure messages. */
  private List<String> run(String... command) throws Exception {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(err.toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
    assertEquals(0, p.exitValue(), out + Files.readString(err));
    return out.lines().toList();
  }

  /** quamtx-core, the drivers' classes, JNA and the SLF4J API from the test class path. */
  private static String modulePath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            e ->
                e.contains("quamtx-core")
                    || e.endsWith("quamtx-drivers/target/classes")
                    || e.contains("/jna-")
                    || e.contains("slf4j-api"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
