package io.quamtx.drivers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private directory the native shims are extracted into, on the real file system. */
final class JniLoaderTest {

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
