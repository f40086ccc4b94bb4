package io.quamtx.cli;

import io.quamtx.provenance.OfflineVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quamtx replay FILE --trust KEYSET}: checks an audit file offline. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an audit file offline with nothing but the file and the trusted public keys.",
      "Exit 0 every line verifies, 1 a line fails (it is named), 2 bad arguments."
    })
final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The audit file (JSONL) from 'quamtx audit'.")
  Path file;

  @Option(
      names = "--trust",
      required = true,
      paramLabel = "KEYSET",
      description = "The keyset to trust (the log's keys/keyset.json, obtained out of band).")
  Path keyset;

  @Override
  public Integer call() {
    List<String> lines = readLines(file, "audit file");
    OfflineVerifier verifier;
    try {
      verifier = OfflineVerifier.trusting(String.join("\n", readLines(keyset, "keyset")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--trust " + keyset + " is not a keyset: " + e.getMessage());
    }
    OfflineVerifier.ReplayReport r = verifier.replay(lines);
    if (r.ok()) {
      System.out.println("ok: " + r.entries() + " records verified in " + file);
      return 0;
    }
    System.out.println(file + ": line " + r.failedLine() + ": " + r.reason());
    return QuamtxCommand.EXIT_FAILURE;
  }

  private static List<String> readLines(Path p, String what) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " " + p + ": " + e.getMessage());
    }
  }
}
