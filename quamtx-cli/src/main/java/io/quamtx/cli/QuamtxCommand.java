package io.quamtx.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code quamtx} command. Exit codes: 0 success, 1 a runtime failure (no healthy
 * source, a record that does not verify), 2 bad input.
 *
 * <p>The subcommands are added when the command line is built, and only the one named on it when
 * there is one: picocli reads every option and field of each subcommand it is given, which for all
 * twelve is a good part of a short command's start-up time.
 */
@Command(
    name = "quamtx",
    mixinStandardHelpOptions = true,
    version = "quamtx 0.1.0",
    description = "Hardware randomness with SP 800-90B health tests and signed provenance.")
public final class QuamtxCommand implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  /** The subcommands by name, in the order the help lists them. */
  private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("draw", DrawCommand.class);
    SUBCOMMANDS.put("verify", VerifyCommand.class);
    SUBCOMMANDS.put("audit", AuditCommand.class);
    SUBCOMMANDS.put("replay", ReplayCommand.class);
    SUBCOMMANDS.put("fsck", FsckCommand.class);
    SUBCOMMANDS.put("health", HealthCommand.class);
    SUBCOMMANDS.put("sources", SourcesCommand.class);
    SUBCOMMANDS.put("serve", ServeCommand.class);
    SUBCOMMANDS.put("keys", KeysCommand.class);
    SUBCOMMANDS.put("signing-keys", SigningKeysCommand.class);
    SUBCOMMANDS.put("stream", StreamCommand.class);
    SUBCOMMANDS.put("assess", AssessCommand.class);
  }

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

  /**
   * The command word of {@code args}: the first argument that is neither an option nor the value of
   * {@code --home}, or null.
   */
  static String commandWord(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--home")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  /**
   * A command line for {@code args} with one-line errors on stderr and exit code 2 for bad input.
   * It holds only the subcommand {@code args} name, or all of them when they name none (for the
   * help, and for picocli's message on an unknown command).
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new QuamtxCommand());
    String word = commandWord(args);
    if (SUBCOMMANDS.containsKey(word)) {
      cl.addSubcommand(word, SUBCOMMANDS.get(word));
    } else {
      SUBCOMMANDS.forEach(cl::addSubcommand);
    }
    cl.setParameterExceptionHandler(
        (e, given) -> {
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
