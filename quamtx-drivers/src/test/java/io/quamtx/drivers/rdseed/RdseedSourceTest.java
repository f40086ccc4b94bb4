package io.quamtx.drivers.rdseed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.health.HealthTestedSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RdseedSourceTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @AfterEach
  void realInstructionAgain() {
    RdseedTestHook.restoreRealInstruction();
  }

  @Test
  void realInstructionGivesDistinctWordsThroughHealthTests() throws Exception {
    RdseedTestHook.assumeRdseed();
    try (RdseedSource source = open()) {
      HealthTestedSource tested = HealthTestedSource.wrap(source);
      byte[] buf = new byte[64 * 1024];
      int n = tested.read(buf, 0, buf.length, Duration.ofSeconds(20));
      assertEquals(0, n % 8);
      Set<Long> words = new HashSet<>();
      ByteBuffer le = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.LITTLE_ENDIAN);
      while (le.hasRemaining()) {
        words.add(le.getLong());
      }
      assertEquals(n / 8, words.size(), "a repeated 64-bit word");
      assertTrue(source.instructionCount() >= n / 8 + RdseedSource.SELF_TEST_WORDS);
    }
  }

  @Test
  void stuckWordFailsSelfTestSimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(new long[] {0x1234_5678_9abc_def0L}, new boolean[] {true});
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class, this::open);
    assertEquals(Reason.FAULT, e.reason());
    assertTrue(e.getMessage().contains("same 64-bit word twice"), e.getMessage());
  }

  @Test
  void cyclingBetweenTwoWordsFailsSelfTestSimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(new long[] {0x1111, 0x2222}, new boolean[] {true, true});
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class, this::open);
    assertEquals(Reason.FAULT, e.reason());
    assertTrue(e.getMessage().contains("only 2 distinct of 8"), e.getMessage());
  }

  @Test
  void allOnesWithCarryIsFaultSimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    try (RdseedSource source = open()) {
      RdseedTestHook.script(new long[] {5, 6, -1L}, new boolean[] {true, true, true});
      byte[] buf = new byte[64];
      SourceUnavailableException e =
          assertThrows(SourceUnavailableException.class, () -> source.read(buf, 0, 64, SECOND));
      assertEquals(Reason.FAULT, e.reason());
      assertTrue(e.getMessage().contains("all-ones"), e.getMessage());
      assertEquals(64, countZeros(buf), "no word of the failed fill reaches the caller");
      RdseedTestHook.script(new long[0], new boolean[0]);
      assertThrows(SourceUnavailableException.class, () -> source.read(buf, 0, 64, SECOND));
    }
  }

  @Test
  void zeroWithCarryIsFaultSimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    RdseedTestHook.script(new long[] {11, 12, 13, 0}, new boolean[] {true, true, true, true});
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class, this::open);
    assertEquals(Reason.FAULT, e.reason());
    assertTrue(e.getMessage().contains("returned 0"), e.getMessage());
  }

  @Test
  void neverReadyTimesOutAndCountsEveryTrySimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    try (RdseedSource source = open()) {
      long before = source.notReadyCount();
      RdseedTestHook.script(new long[] {0}, new boolean[] {false});
      long start = System.nanoTime();
      SourceUnavailableException e =
          assertThrows(
              SourceUnavailableException.class,
              () -> source.read(new byte[8], 0, 8, Duration.ofMillis(200)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Reason.NOT_READY, e.reason());
      assertTrue(millis >= 190 && millis < 2000, "waited " + millis + " ms");
      long tries = source.notReadyCount() - before;
      assertEquals(0, tries % RdseedSource.DEFAULT_MAX_TRIES, "whole words of tries");
      assertTrue(tries >= RdseedSource.DEFAULT_MAX_TRIES);
      assertTrue(tries < 100_000 * RdseedSource.DEFAULT_MAX_TRIES, "backed off, " + tries);
    }
  }

  @Test
  void notReadyThenReadySucceedsWithinCapSimulated() throws Exception {
    RdseedTestHook.assumeRdseed();
    try (RdseedSource source = open()) {
      long[] values = new long[32];
      boolean[] carry = new boolean[32];
      values[31] = 0x0123_4567_89ab_cdefL;
      carry[31] = true;
      RdseedTestHook.script(values, carry);
      long before = source.notReadyCount();
      byte[] buf = new byte[8];
      assertEquals(8, source.read(buf, 0, 8, SECOND));
      assertEquals(
          0x0123_4567_89ab_cdefL, ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).getLong());
      assertEquals(31, source.notReadyCount() - before);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 10, 32, 100})
  void theConfiguredCapBoundsTriesPerWordSimulated(int cap) throws Exception {
    RdseedTestHook.assumeRdseed();
    try (RdseedSource source = RdseedSource.open(cap, 32, SECOND)) {
      RdseedTestHook.script(new long[] {0}, new boolean[] {false});
      long before = source.notReadyCount();
      assertThrows(
          SourceUnavailableException.class,
          () -> source.read(new byte[8], 0, 8, Duration.ofMillis(30)));
      long tries = source.notReadyCount() - before;
      assertEquals(0, tries % cap, tries + " tries with a cap of " + cap);
      assertEquals(cap, source.maxTries());
      assertEquals(Integer.toString(cap), source.details().get("max_tries"));
    }
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> RdseedSource.open(0, 32, SECOND));
    assertThrows(IllegalArgumentException.class, () -> RdseedSource.open(32, 65, SECOND));
  }

  @Test
  void kernelHidingTheFlagMakesItUnavailable(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    RdseedTestHook.assumeRdseed();
    java.nio.file.Path cpuinfo = tmp.resolve("cpuinfo");
    java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu sse2 rdrand\n");
    RdseedDriver driver = new RdseedDriver(cpuinfo);
    assertTrue(driver.unavailabilityCause().orElseThrow().getMessage().contains("hides the flag"));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "' fpu rdseed sse2', true",
    "'\tfpu sse2 rdseed', true",
    "' fpu rdseedx sse2', false",
    "' fpu no_rdseed', false",
    "'', false"
  })
  void theKernelFlagIsAWholeWord(String flags, boolean expected) {
    assertEquals(expected, RdseedDriver.hasFlag(flags, "rdseed"), flags);
  }

  /** Lines of {@code /proc/cpuinfo}, written with {@code |} for a line end and {@code ~} a tab. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "'processor~: 0|flags~~: fpu rdseed sse2|bugs~: spectre_v1|', true",
    "'processor~: 0|vmx flags~: rdseed|flags~~: fpu sse2|', false",
    "'flags~~: fpu sse2|flags~~: rdseed|', false",
    "'processor~: 0|flags~~: fpu rdseed', true",
    "'processor~: 0|flags without a colon rdseed|more: rdseed|', false",
    "'processor~: 0|', false"
  })
  void onlyTheFirstFlagsLineCounts(String lines, boolean expected) {
    String text = lines.replace('|', '\n').replace('~', '\t');
    assertEquals(expected, RdseedDriver.firstFlagsLineHas(text, "rdseed"), text);
  }

  @Test
  void theKernelFlagIsReadFromTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path cpuinfo = tmp.resolve("cpuinfo");
    java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu rdseed\n");
    assertTrue(RdseedDriver.kernelFlag(cpuinfo));
    java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu rdrand\n");
    assertFalse(RdseedDriver.kernelFlag(cpuinfo));
    SourceUnavailableException missing =
        assertThrows(
            SourceUnavailableException.class, () -> RdseedDriver.kernelFlag(tmp.resolve("none")));
    assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
  }

  private RdseedSource open() throws SourceUnavailableException {
    return RdseedSource.open(RdseedSource.DEFAULT_MAX_TRIES, 32, SECOND);
  }

  private static int countZeros(byte[] buf) {
    int zeros = 0;
    for (byte b : buf) {
      zeros += b == 0 ? 1 : 0;
    }
    return zeros;
  }
}
