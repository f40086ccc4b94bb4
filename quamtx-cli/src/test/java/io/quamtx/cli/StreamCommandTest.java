package io.quamtx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code quamtx stream} on this machine's real sources, through a child JVM. */
class StreamCommandTest {
  @TempDir Path home;

  @ParameterizedTest
  @ValueSource(strings = {"hardware", "conditioned", "fallback"})
  void streamWritesExactlyTheBytesAskedOfEachClass(String cls) throws Exception {
    CliRun run =
        CliRun.run("--home", home.toString(), "stream", "--bytes", "70001", "--class", cls);
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(70_001, run.stdout().length);
    byte[] head = Arrays.copyOf(run.stdout(), 64);
    byte[] tail = Arrays.copyOfRange(run.stdout(), 70_001 - 64, 70_001);
    assertNotEquals(Arrays.toString(head), Arrays.toString(tail));
    assertNotEquals(Arrays.toString(new byte[64]), Arrays.toString(head));
  }

  @Test
  void unknownClassIsAUsageError() throws Exception {
    CliRun run = CliRun.run("--home", home.toString(), "stream", "--bytes", "8", "--class", "x");
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("unknown source class 'x'"), run.stderr());
    assertEquals(0, run.stdout().length);
  }

  @Test
  void nonPositiveByteCountIsAUsageError() throws Exception {
    CliRun run = CliRun.run("--home", home.toString(), "stream", "--bytes", "0");
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().contains("--bytes 0"), run.stderr());
  }
}
