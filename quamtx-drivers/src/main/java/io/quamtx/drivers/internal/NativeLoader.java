package io.quamtx.drivers.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * Loads a native shim bundled in the jar under {@code META-INF/native/<os>-<arch>/lib<name>.so}
 * through JNA, from a private temporary copy that is deleted at once (see {@link JniLoader}, which
 * loads the same kind of file as a JNI library).
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
    return JniLoader.extracted(name, file -> Native.load(file.toString(), type));
  }
}
