package io.quamtx.cli;

/** Entry point of the {@code quamtx} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting the JVM. */
  public static int run(String... args) {
    return QuamtxCommand.commandLine(args).execute(args);
  }
}
