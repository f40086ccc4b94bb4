package io.quamtx.cli;

import io.quamtx.provenance.Pkcs11Config;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx signing-keys}: the provenance log's own signing keys (not the gateway's API keys,
 * which {@code quamtx keys} manages). Each subcommand opens the log for writing, so it refuses
 * while a server holds the log.
 */
@Command(
    name = "signing-keys",
    mixinStandardHelpOptions = true,
    description = "List, rotate or declare compromised the provenance log's signing keys.",
    subcommands = {
      SigningKeysCommand.ListKeys.class,
      SigningKeysCommand.Rotate.class,
      SigningKeysCommand.Compromise.class
    })
final class SigningKeysCommand implements Runnable {
  @ParentCommand QuamtxCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: list, rotate or compromise");
  }

  /** {@code quamtx signing-keys list}: the keyset with algorithms, windows and compromise marks. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the keyset.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand SigningKeysCommand keys;

    @Override
    public Integer call() throws Exception {
      try (ProvenanceLog log = ProvenanceLog.openReadOnly(keys.parent.home())) {
        System.out.println(Json.writePretty(log.keyset()));
      }
      return 0;
    }
  }

  /** {@code quamtx signing-keys rotate}: to a new Ed25519 file key or a PKCS#11 token key. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Rotate to a new Ed25519 key file, or with --pkcs11-config to an EC P-256 key in a"
            + " PKCS#11 token (SunPKCS11).",
        "The old and the new key both sign the rotation record."
      })
  static final class Rotate implements Callable<Integer> {
    @ParentCommand SigningKeysCommand keys;

    @ArgGroup(exclusive = false)
    Token token;

    /** The token options, all given together. */
    static final class Token {
      @Option(
          names = "--pkcs11-config",
          required = true,
          paramLabel = "FILE",
          description = "SunPKCS11 configuration file (library, slot or slotListIndex).")
      Path config;

      @Option(
          names = "--alias",
          required = true,
          paramLabel = "ALIAS",
          description = "Alias (CKA_LABEL) of the key and its certificate in the token.")
      String alias;

      @ArgGroup(exclusive = true, multiplicity = "1")
      Pin pin;
    }

    /** Where the PIN comes from; it is never stored or printed. */
    static final class Pin {
      @Option(names = "--pin-env", paramLabel = "VAR", description = "Variable holding the PIN.")
      String env;

      @Option(names = "--pin-file", paramLabel = "FILE", description = "PIN file, mode 0600.")
      Path file;
    }

    @Override
    public Integer call() throws Exception {
      try (ProvenanceLog log = ProvenanceLog.open(keys.parent.home())) {
        String name = token == null ? log.rotateKey() : log.rotateKey(config());
        System.out.println(Json.writePretty(Map.of("rotated_to", name)));
      }
      return 0;
    }

    private Pkcs11Config config() {
      return new Pkcs11Config(token.config, token.alias, token.pin.env, token.pin.file);
    }
  }

  /** {@code quamtx signing-keys compromise NAME --since TIME|SEQ}. */
  @Command(
      name = "compromise",
      mixinStandardHelpOptions = true,
      description = {
        "Declare a key compromised from a record on (a sequence number, or the first record at or"
            + " after an RFC 3339 time).",
        "The active key signs the declaration, so rotate away from the key first. Its records"
            + " from then on verify as untrusted."
      })
  static final class Compromise implements Callable<Integer> {
    @ParentCommand SigningKeysCommand keys;

    @Parameters(paramLabel = "NAME", description = "The key, e.g. quamtx-edge-0123456789abcdef.")
    String name;

    @Option(
        names = "--since",
        required = true,
        paramLabel = "TIME|SEQ",
        description = "Sequence number, or time like 2026-12-04T12:00:00Z.")
    String since;

    @Option(
        names = "--reason",
        defaultValue = "declared by the operator",
        paramLabel = "TEXT",
        description = "One line recorded in the log (default: ${DEFAULT-VALUE}).")
    String reason;

    @Override
    public Integer call() throws Exception {
      if (reason.contains("\n")) {
        throw new IllegalArgumentException("--reason must be one line");
      }
      try (ProvenanceLog log = ProvenanceLog.open(keys.parent.home())) {
        long seq = since.matches("\\d{1,18}") ? Long.parseLong(since) : seqOf(log, since);
        String id = log.declareCompromised(name, seq, reason);
        System.out.println(
            Json.writePretty(Map.of("key", name, "since_seq", seq, "provenance_id", id)));
      }
      return 0;
    }

    private static long seqOf(ProvenanceLog log, String time) throws Exception {
      try {
        return log.firstSeqAtOrAfter(Instant.parse(time));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--since '" + time + "' is neither a sequence number nor an RFC 3339 time", e);
      }
    }
  }
}
