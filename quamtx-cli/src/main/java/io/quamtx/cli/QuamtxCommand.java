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
      AuditCommand.class,
      ReplayCommand.class,
      FsckCommand.class,
      HealthCommand.class,
      SourcesCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      SigningKeysCommand.class,
      StreamCommand.class,
      AssessCommand.class
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

  /**
   * The state directory from {@code --home}, {@code $QUAMTX_HOME} or {@code $HOME/.quamtx}, checked
   * to be usable before anything is written there.
   *
   * @throws IllegalArgumentException naming the setting and what is wrong with it
   */
  Path home() {
    if (home != null) {
      return Home.checkUsable("--home", home);
    }
    String env = System.getenv("QUAMTX_HOME");
    if (env != null) {
      return Home.checkUsable("QUAMTX_HOME", Path.of(env));
    }
    String user = System.getenv("HOME");
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.home");
    }
    return Home.checkUsable("$HOME/.quamtx", Path.of(user, ".quamtx"));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command; try 'quamtx --help'");
  }

  private static String commandPath(CommandLine.ParameterException e) {
    String name = e.getCommandLine().getCommandSpec().qualifiedName(" ");
    return name.equals("quamtx") ? "" : name.substring("quamtx ".length()) + " ";
  }

  /** A command line with one-line errors on stderr and exit code 2 for bad input. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new QuamtxCommand());
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("quamtx: " + e.getMessage() + "; see 'quamtx " + commandPath(e) + "--help'");
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
