package io.quamtx.cli;

import io.quamtx.gateway.ApiKeys;
import io.quamtx.gateway.ApiKeys.AccessRequest;
import io.quamtx.gateway.ApiKeys.ApiKey;
import io.quamtx.gateway.ApiKeys.IssuedKey;
import io.quamtx.gateway.Tier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx keys}: the gateway's API keys and access requests, in {@code
 * <home>/gateway/keys.json}, which holds only key hashes. A new key is printed once.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "List, create, approve and revoke gateway API keys.",
    subcommands = {
      KeysCommand.ListKeys.class,
      KeysCommand.CreateKey.class,
      KeysCommand.ApproveRequest.class,
      KeysCommand.RevokeKey.class
    })
final class KeysCommand implements Runnable {
  @ParentCommand QuamtxCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where the key store lives under a home directory. */
  static Path file(Path home) {
    return home.resolve("gateway").resolve("keys.json");
  }

  ApiKeys open() throws IOException {
    return ApiKeys.open(file(parent.home()));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: list, create, approve or revoke");
  }

  static void printIssued(IssuedKey issued) {
    ApiKey k = issued.key();
    System.out.println("key id: " + k.id() + "  tier: " + k.tier().label());
    System.out.println("key:    " + issued.secret());
    System.out.println("This key is shown once and stored only as a hash; keep it now.");
  }

  /** {@code quamtx keys list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys and requests.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() throws IOException {
      ApiKeys store = keys.open();
      System.out.println("KEYS");
      for (ApiKey k : store.keys()) {
        String status = k.revoked().map(t -> "revoked " + t).orElse("active");
        System.out.printf(
            "  %s  %-13s  %-8s  %s  %s%n", k.id(), k.tier().label(), status, k.created(), k.name());
      }
      System.out.println("REQUESTS");
      for (AccessRequest r : store.requests()) {
        System.out.printf(
            "  %s  %-8s  %s  %s <%s>: %s%n",
            r.id(), r.status(), r.created(), r.name(), r.contact(), r.intendedUse());
      }
      return 0;
    }
  }

  /** {@code quamtx keys create}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key.")
  static final class CreateKey implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who holds it.")
    String name;

    @Option(
        names = "--tier",
        defaultValue = "builder",
        paramLabel = "TIER",
        description =
            "builder, standard, standard_plus, verified, verified_plus or enterprise"
                + " (default: ${DEFAULT-VALUE}).")
    String tier;

    @Override
    public Integer call() throws IOException {
      Tier t = Tier.fromLabel(tier);
      printIssued(keys.open().create(name, t));
      return 0;
    }
  }

  /** {@code quamtx keys approve}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve an access request with a new key.")
  static final class ApproveRequest implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "REQUEST_ID", description = "req_... from quamtx keys list.")
    String requestId;

    @Option(
        names = "--tier",
        defaultValue = "builder",
        paramLabel = "TIER",
        description = "The new key's tier (default: ${DEFAULT-VALUE}).")
    String tier;

    @Override
    public Integer call() throws IOException {
      Tier t = Tier.fromLabel(tier);
      printIssued(keys.open().approve(requestId, t));
      return 0;
    }
  }

  /** {@code quamtx keys revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key.")
  static final class RevokeKey implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "KEY_ID", description = "The 16-hex-digit key id.")
    String keyId;

    @Override
    public Integer call() throws IOException {
      ApiKey k = keys.open().revoke(keyId);
      System.out.println("revoked " + k.id() + " at " + k.revoked().orElseThrow());
      return 0;
    }
  }
}
