package io.quamtx.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the quamtx command in a child JVM, as a user would, and captures what it printed. */
record CliRun(int exitCode, byte[] stdout, String stderr) {

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  static CliRun run(String... args) throws Exception {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("quamtx " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new CliRun(
        process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
  }

  /** The command that starts quamtx in a child JVM, before its arguments. */
  static List<String> javaCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        Main.class.getName());
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file under {@code dir} with its size and content hash, to show nothing changed. The log's
   * lock file is left out: it names the last process that held it.
   */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("LOCK")).toList()) {
        files.put(dir.relativize(p).toString(), Files.size(p) + ":" + hash(p));
      }
    }
    return files;
  }

  private static String hash(Path p) throws IOException {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
