package io.quamtx.cli;

import io.quamtx.provenance.LogNotFoundException;
import io.quamtx.provenance.ProvenanceId;
import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Verification;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx verify ID}: checks one record and its place in the chain. Opens the log read-only:
 * no lock (it runs beside a writer), no private key, nothing written, no log created.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a provenance record: exit 0 valid, 1 invalid, 2 unknown or malformed id.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Parameters(paramLabel = "PROVENANCE_ID", description = "The record's id, pvn_...")
  String id;

  @Override
  public Integer call() throws Exception {
    if (!ProvenanceId.isWellFormed(id)) {
      throw new IllegalArgumentException("malformed provenance id '" + id + "'; expected pvn_...");
    }
    try (ProvenanceLog log = ProvenanceLog.openReadOnly(parent.home())) {
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
    } catch (LogNotFoundException e) {
      System.err.println("quamtx: " + e.getMessage());
      return QuamtxCommand.EXIT_USAGE;
    }
  }
}
