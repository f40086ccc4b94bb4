package io.quamtx.cli;

import io.quamtx.provenance.Fsck;
import io.quamtx.provenance.FsckReport;
import io.quamtx.provenance.ProvenanceException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quamtx fsck}: re-derives every hash, signature and root of the whole log. */
@Command(
    name = "fsck",
    mixinStandardHelpOptions = true,
    description = {
      "Check the whole log read-only: every frame CRC, chain hash, link, signature, checkpoint",
      "signature and Merkle root, and the keyset. Exit 0 clean, 1 problems found, 2 no log."
    })
final class FsckCommand implements Callable<Integer> {
  @ParentCommand QuamtxCommand parent;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws ProvenanceException {
    if (!Files.isDirectory(parent.home().resolve("log"))) {
      throw new IllegalArgumentException("no provenance log in " + parent.home());
    }
    FsckReport r = Fsck.check(parent.home());
    if (json) {
      System.out.println(Json.writePretty(r));
    } else {
      System.out.println(
          (r.ok() ? "clean: " : "PROBLEMS: ")
              + r.records()
              + " records, "
              + r.signatures()
              + " signatures, "
              + r.checkpoints()
              + " checkpoints verified");
      r.problems().forEach(p -> System.out.println("  " + p));
    }
    return r.ok() ? 0 : QuamtxCommand.EXIT_FAILURE;
  }
}
