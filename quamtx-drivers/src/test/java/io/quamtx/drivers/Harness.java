package io.quamtx.drivers;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.quamtx.core.EntropySource;
import io.quamtx.core.HealthTestException;
import io.quamtx.core.MonitoredSource;
import io.quamtx.core.SourceMonitor;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.health.HealthCutoffs;
import io.quamtx.core.health.HealthTestedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** A source behind its monitor and the health tests, as a harvester would hold it. */
public final class Harness implements AutoCloseable {
  private final MonitoredSource monitored;
  private final HealthTestedSource tested;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  public Harness(EntropySource source) {
    monitored = MonitoredSource.wrap(source);
    tested =
        HealthTestedSource.wrap(
            monitored, HealthCutoffs.DEFAULT_ALPHA_LOG2, 3, monitored.monitor());
  }

  /**
   * Reads in 1 KiB requests until {@code bytes} have passed the tests, keeping every byte handed
   * out, so a test can check that nothing from a failed stretch reached the output.
   */
  public byte[] drain(int bytes, Duration deadline)
      throws HealthTestException, SourceUnavailableException {
    byte[] buf = new byte[1024];
    while (output.size() < bytes) {
      int n = tested.read(buf, 0, Math.min(buf.length, bytes - output.size()), deadline);
      monitored.monitor().recordPassed();
      output.write(buf, 0, n);
    }
    return output.toByteArray();
  }

  /** Everything handed out so far. */
  public byte[] output() {
    return output.toByteArray();
  }

  public SourceMonitor monitor() {
    return monitored.monitor();
  }

  public HealthTestedSource tested() {
    return tested;
  }

  @Override
  public void close() {
    monitored.close();
  }

  /** Makes a FIFO with {@code mkfifo}. */
  public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (p.waitFor() != 0 || !Files.exists(fifo)) {
      throw new IOException("mkfifo " + fifo + " failed");
    }
    return fifo;
  }

  /** The number of open descriptors of this process. */
  public static int openDescriptors() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.count();
    }
  }

  /**
   * The number of open descriptors of this process that refer to {@code file}: unlike the total,
   * not moved by what other threads of the test JVM open and close meanwhile.
   */
  public static int openDescriptorsTo(Path file) throws IOException {
    Path target = file.toRealPath();
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.filter(fd -> refersTo(fd, target)).count();
    }
  }

  private static boolean refersTo(Path fd, Path target) {
    try {
      return Files.readSymbolicLink(fd).equals(target);
    } catch (IOException e) {
      return false; // closed between the listing and the look-up
    }
  }

  /** setfsuid(2): per thread, so a test thread can act as another user while root. */
  interface FsUid extends Library {
    FsUid INSTANCE = Native.load("c", FsUid.class);

    int setfsuid(int uid);
  }

  /** Runs {@code action} on this thread with the file-system identity of {@code uid}. */
  public static <T> T asUser(int uid, Callable<T> action) throws Exception {
    int previous = FsUid.INSTANCE.setfsuid(uid);
    try {
      return action.call();
    } finally {
      FsUid.INSTANCE.setfsuid(previous);
    }
  }

  /** The longest run of {@code value} in {@code data}. */
  public static int longestRun(byte[] data, byte value) {
    int best = 0;
    int run = 0;
    for (byte b : data) {
      run = b == value ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }
}
