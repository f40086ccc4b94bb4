package io.quamtx.provenance.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe file operations: write a temporary file in the same directory, force it, rename it
 * into place atomically, then force the directory so the rename itself survives a power cut (the
 * sequence Lucene and Tessera use). On file systems without POSIX permissions the owner-only
 * attribute is skipped and the directory sync is best effort. Thread-safe.
 */
public final class DurableFiles {
  private static final Set<PosixFilePermission> OWNER_RW =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_RWX =
      PosixFilePermissions.fromString("rwx------");

  private DurableFiles() {}

  /**
   * Atomically replaces (or creates) {@code target} with {@code data}.
   *
   * @param ownerOnly create the file with mode 0600 from the first byte, for private keys
   */
  public static void writeAtomically(Path target, byte[] data, boolean ownerOnly)
      throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch = FileChannel.open(tmp, createOptions(), attributes(ownerOnly, tmp))) {
      writeFully(ch, ByteBuffer.wrap(data));
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  /**
   * Creates a directory if missing and syncs its parent; true when this call created it.
   *
   * @param ownerOnly mode 0700 where POSIX, for the key directory
   */
  public static boolean createDirectory(Path dir, boolean ownerOnly) throws IOException {
    if (Files.isDirectory(dir)) {
      return false;
    }
    try {
      Files.createDirectory(
          dir, attributes(ownerOnly, dir.toAbsolutePath().getParent(), OWNER_RWX));
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    syncDirectory(dir.toAbsolutePath().getParent());
    return true;
  }

  /** Forces a directory's entries to disk; a no-op where the platform cannot open directories. */
  public static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (isPosix(dir)) {
        throw e;
      }
    }
  }

  /** Writes the whole buffer at the channel's position. */
  public static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Reads exactly {@code buf.remaining()} bytes at {@code pos}; false at end of file first. */
  public static boolean readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    long p = pos;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, p);
      if (n < 0) {
        return false;
      }
      p += n;
    }
    return true;
  }

  private static Set<StandardOpenOption> createOptions() {
    return Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static FileAttribute<?>[] attributes(boolean ownerOnly, Path near) {
    return attributes(ownerOnly, near.toAbsolutePath().getParent(), OWNER_RW);
  }

  private static FileAttribute<?>[] attributes(
      boolean ownerOnly, Path near, Set<PosixFilePermission> perms) {
    if (!ownerOnly || !isPosix(near)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)};
  }

  private static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
