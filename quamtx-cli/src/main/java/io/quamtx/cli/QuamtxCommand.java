package io.quamtx.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code quamtx} command. Exit codes: 0 success, 1 a runtime failure (no healthy
 * source, a record that does not verify), 2 bad input.
 */
@Command(
    name = "quamtx",
    mixinStandardHelpOptions = true,
    version = "quamtx 0.1.0",
    description = "Hardware randomness with SP 800-90B health tests and signed provenance.",
    subcommands = {
      DrawCommand.class,
      VerifyCommand.class,
      HealthCommand.class,
      SourcesCommand.class,
      ServeCommand.class,
      KeysCommand.class
    })
public final class QuamtxCommand implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "State directory (default: $QUAMTX_HOME, else ~/.quamtx).")
  Path home;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The state directory from {@code --home}, {@code $QUAMTX_HOME} or {@code ~/.quamtx}. */
  Path home() {
    if (home != null) {
      return home;
    }
    String env = System.getenv("QUAMTX_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".quamtx");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command; try 'quamtx --help'");
  }

  /** A command line with one-line errors on stderr and exit code 2 for bad input. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new QuamtxCommand());
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("quamtx: " + e.getMessage());
          err.flush();
          return EXIT_USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          PrintWriter err = c.getErr();
          err.println("quamtx: " + Errors.describe(e));
          err.flush();
          return e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
        });
    return cl;
  }
}
