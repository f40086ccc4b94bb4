package io.quamtx.drivers.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a native shim is read from the jar or directory it ships in, and the private directory it is
 * extracted into, on the real file system.
 */
final class JniLoaderTest {
  private static final String SHIM = "META-INF/native/test-arch/libdemo.so";

  private static byte[] someBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void readsAnEntryOfAJarOnDisk(@TempDir Path tmp) throws Exception {
    byte[] shim = someBytes(20_000);
    Path jar = tmp.resolve("drivers.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("io/quamtx/Other.class"));
      out.write(someBytes(100));
      out.putNextEntry(new ZipEntry(SHIM));
      out.write(shim);
    }
    assertArrayEquals(shim, JniLoader.read(jar.toFile(), SHIM));
    assertNull(JniLoader.read(jar.toFile(), "META-INF/native/other-arch/libdemo.so"));
  }

  @Test
  void readsAFileUnderAClassDirectory(@TempDir Path tmp) throws Exception {
    byte[] shim = someBytes(3_000);
    Path file = tmp.resolve(SHIM);
    Files.createDirectories(file.getParent());
    Files.write(file, shim);
    assertArrayEquals(shim, JniLoader.read(tmp.toFile(), SHIM));
    assertNull(JniLoader.read(tmp.toFile(), "META-INF/native/other-arch/libdemo.so"));
  }

  @Test
  void aFileThatIsNotAJarIsAnErrorNotAMissingShim(@TempDir Path tmp) throws Exception {
    Path notAJar = tmp.resolve("broken.jar");
    Files.write(notAJar, someBytes(500));
    assertThrows(IOException.class, () -> JniLoader.read(notAJar.toFile(), SHIM));
  }

  @Test
  void withoutALocalOriginTheClassLoaderIsAskedAndAgrees() throws Exception {
    // In this build the classes come from a directory; the class loader must find the same bytes.
    String resource = "io/quamtx/drivers/internal/JniLoader.class";
    byte[] direct = JniLoader.read(resource);
    assertNotNull(direct, "this class's own file");
    assertArrayEquals(direct, JniLoader.read(null, resource));
    assertNull(JniLoader.read(null, SHIM));
  }

  @Test
  void makesANewDirectoryOnlyTheOwnerCanEnter(@TempDir Path tmp) throws Exception {
    Path dir = JniLoader.privateDirectory(tmp, 0xabcL);
    assertEquals(tmp.resolve("quamtx-native-abc-0"), dir);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void neverReusesAnExistingNameNorFollowsALink(@TempDir Path tmp) throws Exception {
    Path planted = Files.createDirectory(tmp.resolve("planted"));
    Files.createSymbolicLink(tmp.resolve("quamtx-native-7-0"), planted);
    Files.createDirectory(tmp.resolve("quamtx-native-7-1"));
    Path dir = JniLoader.privateDirectory(tmp, 7);
    assertEquals(tmp.resolve("quamtx-native-7-2"), dir);
    assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
    try (var left = Files.list(planted)) {
      assertFalse(left.findAny().isPresent(), "something was written through the link");
    }
  }

  @Test
  void givesUpNamingTheDirectoryAfterTheLastTry(@TempDir Path tmp) throws Exception {
    for (int i = 0; i < JniLoader.DIRECTORY_TRIES; i++) {
      Files.createDirectory(tmp.resolve("quamtx-native-1-" + i));
    }
    IOException e = assertThrows(IOException.class, () -> JniLoader.privateDirectory(tmp, 1));
    assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
  }

  @Test
  void aShimNotInTheJarIsNamedInTheError() {
    UnsatisfiedLinkError e =
        assertThrows(UnsatisfiedLinkError.class, () -> JniLoader.load("no_such_shim"));
    assertTrue(e.getMessage().contains("libno_such_shim.so"), e.getMessage());
  }
}
