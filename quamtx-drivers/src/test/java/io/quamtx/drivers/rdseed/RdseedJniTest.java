package io.quamtx.drivers.rdseed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shim's JNI entry points, against the real instruction and against scripted answers. */
class RdseedJniTest {
  private static final int TRIES = RdseedSource.DEFAULT_MAX_TRIES;

  @AfterEach
  void realInstructionAgain() {
    RdseedTestHook.restoreRealInstruction();
  }

  private static long word(byte[] buf, int off) {
    return ByteBuffer.wrap(buf, off, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  @Test
  void realFillWritesDistinctWordsAtTheOffsetAndCountsInstructions() {
    RdseedTestHook.assumeRdseed();
    byte[] buf = new byte[3 + 8 * RdseedJni.MAX_WORDS + 5];
    long[] state = new long[3];
    int[] status = new int[1];
    int got = RdseedJni.fill(buf, 3, RdseedJni.MAX_WORDS, TRIES, state, status);
    assertTrue(got > 0, "no ready word in " + TRIES + " tries per word");
    Set<Long> words = new HashSet<>();
    for (int i = 0; i < got; i++) {
      long w = word(buf, 3 + 8 * i);
      assertTrue(w != 0 && w != -1L, "bad word " + Long.toHexString(w));
      words.add(w);
    }
    assertEquals(got, words.size(), "a repeated 64-bit word");
    assertEquals(word(buf, 3 + 8 * (got - 1)), state[0], "state keeps the last word");
    assertTrue(state[2] >= got, state[2] + " instructions for " + got + " words");
    assertEquals(0, buf[0] | buf[1] | buf[2], "nothing written before the offset");
    assertEquals(got == RdseedJni.MAX_WORDS ? RdseedJni.OK : RdseedJni.NOT_READY, status[0]);
  }

  @Test
  void scriptedWordsComeOutLittleEndianSimulated() {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(
        new long[] {0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L}, new boolean[] {true, true});
    byte[] buf = new byte[16];
    long[] state = new long[3];
    int[] status = new int[1];
    assertEquals(2, RdseedJni.fill(buf, 0, 2, TRIES, state, status));
    assertArrayEquals(
        new byte[] {8, 7, 6, 5, 4, 3, 2, 1, 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11}, buf);
    assertEquals(RdseedJni.OK, status[0]);
    assertEquals(2, state[2]);
    assertEquals(0, state[1]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"zero, 0, 2", "all-ones, -1, 3", "repeat, 7, 4"})
  void aBadWordStopsTheFillAndIsNotWrittenSimulated(String what, long bad, int expected) {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(new long[] {5, 7, bad}, new boolean[] {true, true, true});
    byte[] buf = new byte[24];
    long[] state = new long[3];
    int[] status = new int[1];
    assertEquals(2, RdseedJni.fill(buf, 0, 3, TRIES, state, status), what);
    assertEquals(expected, status[0], what);
    assertEquals(0, word(buf, 16), "the bad word is not copied out");
    assertEquals(7, state[0]);
  }

  @Test
  void notReadyCountsEveryTrySimulated() {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(new long[] {0}, new boolean[] {false});
    long[] state = new long[] {0, 10, 20};
    int[] status = new int[1];
    assertEquals(0, RdseedJni.fill(new byte[8], 0, 1, 5, state, status));
    assertEquals(RdseedJni.NOT_READY, status[0]);
    assertEquals(15, state[1], "CF=0 events are added to");
    assertEquals(25, state[2], "instructions are added to");
  }

  @ParameterizedTest(name = "off {0}, words {1}, tries {2}")
  @CsvSource({"-1, 1, 1", "9, 1, 1", "0, 3, 1", "0, 1025, 1", "0, -1, 1", "0, 1, 0"})
  void outOfRangeArgumentsAreRefused(int off, int words, int tries) {
    assumeTrue(RdseedNative.loaded(), "shim not built here; test skipped");
    assertEquals(-1, RdseedJni.fill(new byte[16], off, words, tries, new long[3], new int[1]));
  }

  @Test
  void scriptLongerThanTheShimHoldsIsRefused() {
    assumeTrue(RdseedNative.loaded(), "shim not built here; test skipped");
    int n = RdseedJni.SCRIPT_MAX + 1;
    assertEquals(-1, RdseedJni.script(new long[n], new byte[n], n));
    assertEquals(-1, RdseedJni.script(new long[2], new byte[2], 3));
  }

  /** A JVM that reads RDSEED through the driver prints whether any JNA class was loaded. */
  @Test
  void readingRdseedLoadsNoJnaClass() throws Exception {
    RdseedTestHook.assumeRdseed();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                RdseedReadProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("read 64 bytes"), out);
    assertTrue(out.contains("io.quamtx.drivers.rdseed.RdseedJni"), "JNI class not loaded");
    assertFalse(out.contains("com.sun.jna."), "a JNA class was loaded");
  }
}
