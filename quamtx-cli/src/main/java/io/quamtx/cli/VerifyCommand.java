package io.quamtx.cli;

import io.quamtx.provenance.ConsistencyReport;
import io.quamtx.provenance.LogNotFoundException;
import io.quamtx.provenance.ProvenanceId;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx verify [ID] [--since CHECKPOINT_FILE|SIZE]}: checks one record and its place in the
 * chain, and/or that the log only grew since an earlier checkpoint (RFC 9162 consistency proof).
 * Opens the log read-only: no lock (it runs beside a writer), no private key, nothing written, no
 * log created.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a provenance record and/or the log's growth since a kept checkpoint.",
      "Exit 0 valid and consistent, 1 invalid, untrusted or inconsistent, 2 unknown or malformed"
          + " input."
    })
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Parameters(
      arity = "0..1",
      paramLabel = "PROVENANCE_ID",
      description = "The record's id, pvn_...")
  String id;

  @Option(
      names = "--since",
      paramLabel = "CHECKPOINT_FILE|SIZE",
      description =
          "A checkpoint kept earlier (its signed note, or JSON with \"note\" or \"checkpoint\"),"
              + " or a tree size: print and check the consistency proof to the newest checkpoint.")
  String since;

  @Override
  public Integer call() throws Exception {
    if (id == null && since == null) {
      throw new IllegalArgumentException("give a provenance id, --since, or both");
    }
    if (id != null && !ProvenanceId.isWellFormed(id)) {
      throw new IllegalArgumentException("malformed provenance id '" + id + "'; expected pvn_...");
    }
    String kept = since == null ? null : readSince(since);
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(parent.home())) {
      int code = id == null ? 0 : verifyRecord(log);
      if (code != QuamtxCommand.EXIT_USAGE && since != null) {
        code = Math.max(code, verifyConsistency(log, kept));
      }
      return code;
    } catch (LogNotFoundException e) {
      System.err.println("quamtx: " + e.getMessage());
      return QuamtxCommand.EXIT_USAGE;
    }
  }

  private int verifyRecord(ProvenanceLog log) throws Exception {
    Optional<Verification> result = log.verify(id);
    if (result.isEmpty()) {
      System.err.println("quamtx: unknown provenance id " + id);
      return QuamtxCommand.EXIT_USAGE;
    }
    Verification verification = result.get();
    System.out.println(Json.writePretty(verification.toJson()));
    if (!verification.valid()) {
      System.err.println("quamtx: record " + id + " does not verify: " + verification.reason());
      return QuamtxCommand.EXIT_FAILURE;
    }
    return 0;
  }

  private int verifyConsistency(ProvenanceLog log, String kept) throws Exception {
    ConsistencyReport r =
        kept == null
            ? ConsistencyReport.sinceSize(log, Long.parseLong(since))
            : ConsistencyReport.since(log, kept);
    System.out.println(Json.writePretty(java.util.Map.of("consistency", r.toJson())));
    if (!r.consistent()) {
      System.err.println("quamtx: the log is not consistent with " + since + ": " + r.reason());
      return QuamtxCommand.EXIT_FAILURE;
    }
    return 0;
  }

  /** The checkpoint text of a file argument, or null when the argument is a tree size. */
  private static String readSince(String arg) {
    if (arg.matches("\\d{1,18}")) {
      return null;
    }
    Path file = Path.of(arg);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--since '" + arg + "' is neither a tree size nor a checkpoint file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read checkpoint file " + file + ": " + e, e);
    }
  }
}
