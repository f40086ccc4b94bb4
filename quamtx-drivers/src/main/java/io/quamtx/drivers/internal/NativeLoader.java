package io.quamtx.drivers.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads a native shim bundled in the jar under {@code META-INF/native/<os>-<arch>/lib<name>.so}.
 *
 * <p>The library is copied into a fresh directory that only this user can enter (mode 0700), made
 * with the JDK's secure temporary-file call so another local user can neither predict nor replace
 * it, loaded from there, and both are deleted at once: Linux keeps a loaded library mapped after
 * its file is unlinked, so nothing is left behind even if the JVM is killed later.
 */
public final class NativeLoader {
  private NativeLoader() {}

  /** {@code linux-x86_64} and the like, as the build names the folder. */
  public static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (arch.equals("amd64") || arch.equals("x86-64")) {
      arch = "x86_64";
    }
    return os.replace(' ', '_') + "-" + arch;
  }

  /**
   * Extracts and loads {@code lib<name>.so} for this platform through JNA.
   *
   * @throws UnsatisfiedLinkError naming the resource when the jar has no build for this platform,
   *     or with the cause when extracting or loading fails
   */
  public static <T extends Library> T load(String name, Class<T> type) {
    String resource = "/META-INF/native/" + platform() + "/lib" + name + ".so";
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "native shim "
                + resource
                + " is not in the jar (not built for "
                + platform()
                + ", or built without a C compiler)");
      }
      return extractAndLoad(in, name, type);
    } catch (IOException e) {
      UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot extract " + resource);
      error.initCause(e);
      throw error;
    }
  }

  private static <T extends Library> T extractAndLoad(InputStream in, String name, Class<T> type)
      throws IOException {
    Path dir =
        Files.createTempDirectory(
            "quamtx-native-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path file = dir.resolve("lib" + name + ".so");
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return Native.load(file.toAbsolutePath().toString(), type);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
