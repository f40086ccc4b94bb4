package io.quamtx.drivers.internal;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads a native shim bundled in the jar under {@code META-INF/native/<os>-<arch>/lib<name>.so} as
 * a JNI library, with {@link System#load}: no JNA class is touched, so a driver that binds its shim
 * this way does not pay for JNA's start-up.
 *
 * <p>The library is copied into a fresh directory that only this user can enter (mode 0700), loaded
 * from there, and both are deleted at once: Linux keeps a loaded library mapped after its file is
 * unlinked, so nothing is left behind even if the JVM is killed later. The directory is made by one
 * {@code mkdir} with mode 0700 under a name of the process start time and a counter: {@code mkdir}
 * fails on any existing name, symbolic links included, so another local user who guesses the name
 * can only make this try the next one, never substitute a directory of theirs. (The JDK's {@code
 * Files.createTempDirectory} draws the name from a {@code SecureRandom} instead, whose first use
 * costs tens of milliseconds on the first draw's path.)
 *
 * <p>JNI binds a library to the class loader that loaded it, the loader of this class: callers must
 * be in this module.
 */
public final class JniLoader {
  static final int DIRECTORY_TRIES = 100;

  private JniLoader() {}

  /**
   * Extracts and loads {@code lib<name>.so} for this platform through {@link System#load}.
   *
   * @throws UnsatisfiedLinkError naming the resource when the jar has no build for this platform,
   *     or with the cause when extracting or loading fails
   */
  public static void load(String name) {
    // An anonymous class, not a lambda: this runs on the first draw's path, and the first lambda of
    // a JVM costs milliseconds of bootstrap.
    extracted(
        name,
        new Function<Path, Void>() {
          @Override
          public Void apply(Path file) {
            System.load(file.toString());
            return null;
          }
        });
  }

  /**
   * Copies {@code lib<name>.so} to a private temporary file, passes its absolute path to {@code
   * loader} and deletes the file and its directory once {@code loader} returns.
   *
   * @throws UnsatisfiedLinkError as {@link #load(String)}
   */
  static <T> T extracted(String name, Function<Path, T> loader) {
    String resource = "META-INF/native/" + NativeLoader.platform() + "/lib" + name + ".so";
    byte[] shim;
    try {
      shim = read(resource);
    } catch (IOException e) {
      UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot read " + resource);
      error.initCause(e);
      throw error;
    }
    if (shim == null) {
      throw new UnsatisfiedLinkError(
          "native shim "
              + resource
              + " is not in the jar (not built for "
              + NativeLoader.platform()
              + ", or built without a C compiler or JNI headers)");
    }
    try {
      return extractAndLoad(shim, name, loader);
    } catch (IOException e) {
      UnsatisfiedLinkError error = new UnsatisfiedLinkError("cannot extract " + resource);
      error.initCause(e);
      throw error;
    }
  }

  /**
   * The bytes of {@code resource} from the jar or directory this class was loaded from; null when
   * it has no such entry. A jar on the local file system is read with {@link ZipFile}, which shares
   * the class loader's open copy of the jar: the class loader's own resource lookup goes through a
   * {@code jar:} URL connection, whose classes and second opening of the jar cost the first draw of
   * a fresh JVM several milliseconds. Anything else (a jar inside a jar, a run-time image) is read
   * through the class loader.
   */
  static byte[] read(String resource) throws IOException {
    return read(origin(), resource);
  }

  /** As {@link #read(String)}, from {@code origin}; null means through the class loader. */
  static byte[] read(File origin, String resource) throws IOException {
    if (origin != null && origin.isDirectory()) {
      File f = new File(origin, resource);
      return f.isFile() ? Files.readAllBytes(f.toPath()) : null;
    }
    if (origin != null && origin.isFile()) {
      try (ZipFile jar = new ZipFile(origin)) {
        ZipEntry entry = jar.getEntry(resource);
        if (entry == null) {
          return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          return in.readAllBytes();
        }
      }
    }
    try (InputStream in = JniLoader.class.getResourceAsStream("/" + resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  /** The local file or directory this class was loaded from; null when it is not one. */
  private static File origin() {
    CodeSource source = JniLoader.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !"file".equals(location.getProtocol())) {
      return null;
    }
    try {
      return new File(location.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static <T> T extractAndLoad(byte[] shim, String name, Function<Path, T> loader)
      throws IOException {
    Path dir = privateDirectory();
    Path file = dir.resolve("lib" + name + ".so");
    try {
      // The directory is new and only ours. createNewFile is an exclusive create (it fails on any
      // existing name, links included); java.io because its classes are loaded at JVM start.
      if (!file.toFile().createNewFile()) {
        throw new FileAlreadyExistsException(file.toString());
      }
      try (OutputStream out = new FileOutputStream(file.toFile())) {
        out.write(shim);
      }
      return loader.apply(file.toAbsolutePath());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * A new directory of mode 0700 under {@code java.io.tmpdir}.
   *
   * @throws IOException when {@value #DIRECTORY_TRIES} names in a row exist already, or mkdir fails
   */
  static Path privateDirectory() throws IOException {
    return privateDirectory(Path.of(System.getProperty("java.io.tmpdir")), System.nanoTime());
  }

  /** As {@link #privateDirectory()}, under {@code tmp} with names from {@code stamp}. */
  static Path privateDirectory(Path tmp, long stamp) throws IOException {
    // Set.of rather than PosixFilePermissions.fromString: an EnumSet reads the enum's constants
    // reflectively, which on recent JDKs spins method-handle classes on the first draw's path.
    FileAttribute<Set<PosixFilePermission>> owner =
        PosixFilePermissions.asFileAttribute(
            Set.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    for (int i = 0; i < DIRECTORY_TRIES; i++) {
      Path dir = tmp.resolve("quamtx-native-" + Long.toHexString(stamp) + "-" + i);
      try {
        return Files.createDirectory(dir, owner);
      } catch (FileAlreadyExistsException e) {
        // Someone else's, or left by a crash: never reuse it; try the next name.
      }
    }
    throw new IOException(
        "no free private directory name under " + tmp + " after " + DIRECTORY_TRIES + " tries");
  }
}
