package io.quamtx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the state directory before anything is written to it. */
final class Home {
  private Home() {}

  /** {@link #checkUsable(String, Path)} for a path given as {@code --home}. */
  static Path checkUsable(Path home) {
    return checkUsable("--home", home);
  }

  /**
   * Fails with a clear message when {@code home} cannot hold quamtx state: it is a file, or it
   * cannot be created or written by this user. Creates nothing.
   *
   * @param setting where the path came from, for the message
   * @return {@code home}
   * @throws IllegalArgumentException naming the setting, the directory and the problem
   */
  static Path checkUsable(String setting, Path home) {
    if (home.toString().isBlank()) {
      throw new IllegalArgumentException(setting + " is empty; name the state directory");
    }
    String label = setting + " " + home;
    Path existing = home.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException(label + ": no such file system");
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(
          "--home " + home + ": " + existing + " is not a directory");
    }
    if (!canCreateIn(existing)) {
      throw new IllegalArgumentException(
          label + ": " + existing + " is not writable; choose a writable directory");
    }
    return home;
  }

  /** Permission bits do not bind root, so try a real file and remove it again. */
  private static boolean canCreateIn(Path dir) {
    try {
      Path probe = Files.createTempFile(dir, ".quamtx-probe", ".tmp");
      Files.delete(probe);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
