package io.quamtx.cli;

import io.quamtx.provenance.ProvenanceId;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quamtx audit ID}: exports a signed JSONL segment of the log around one draw. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Export the records around a draw as signed JSONL: a header (keyset, checkpoint), one line",
      "per record with its inclusion proof, and a signed manifest. Check it with 'quamtx replay'.",
      "Exit 0 written, 2 unknown or malformed id."
    })
final class AuditCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Parameters(paramLabel = "PROVENANCE_ID", description = "The draw's id, pvn_...")
  String id;

  @Option(names = "--before", paramLabel = "N", description = "Records before (default 10).")
  int before = 10;

  @Option(names = "--after", paramLabel = "N", description = "Records after (default 10).")
  int after = 10;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!ProvenanceId.isWellFormed(id)) {
      throw new IllegalArgumentException("malformed provenance id '" + id + "'; expected pvn_...");
    }
    Home.checkUsable(parent.home());
    if (!ProvenanceLog.exists(parent.home())) {
      // The audit manifest is signed, so the log opens for writing; it must not create one.
      System.err.println("quamtx: no provenance log at " + parent.home().toAbsolutePath());
      return QuamtxCommand.EXIT_USAGE;
    }
    Optional<List<String>> lines;
    try (ProvenanceLog log = ProvenanceLog.open(parent.home())) {
      lines = log.audit(id, before, after);
    }
    if (lines.isEmpty()) {
      System.err.println("quamtx: unknown provenance id " + id);
      return QuamtxCommand.EXIT_USAGE;
    }
    String text = String.join("\n", lines.get()) + "\n";
    if (out == null) {
      System.out.print(text);
    } else {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      System.err.println("quamtx: wrote " + lines.get().size() + " lines to " + out);
    }
    return 0;
  }
}
