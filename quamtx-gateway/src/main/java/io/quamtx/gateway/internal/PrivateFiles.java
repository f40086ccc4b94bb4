package io.quamtx.gateway.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Whole-file replacement for the gateway's state files: mode 0600, synced, renamed atomically. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Replaces {@code file} with {@code bytes}: a reader sees the old content or the new, never a
   * mix, and nobody but the owner can read either.
   *
   * @throws IOException when the folder cannot be written; the old file is then left as it was
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path tmp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            file.getFileName().toString(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
