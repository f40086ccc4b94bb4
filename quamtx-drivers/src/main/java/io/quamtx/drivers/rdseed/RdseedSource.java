package io.quamtx.drivers.rdseed;

import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The x86 RDSEED instruction, 64-bit form, through a small native shim called by JNI.
 *
 * <p>Each word gets at most {@code maxTries} instructions with PAUSE between them (32 by default:
 * on the reference machine 10 tries left a fifth of words unfilled, 32 left none in a million).
 * When a whole fill finds no ready word, the reader backs off with short sleeps until its deadline
 * rather than spin. A word of 0 or all-ones with the carry flag set, or a word equal to the one
 * before, is a CPU fault: the source fails for good and nothing of that fill is returned. Before
 * the first output a self-test takes {@value #SELF_TEST_WORDS} words that must all differ.
 *
 * <p>Samples are 64-bit words, little-endian. The claim of {@value #DEFAULT_MIN_ENTROPY} bits per
 * word is deliberately far below 64: Intel documents RDSEED output as conditioned to full entropy,
 * which quamtx cannot check, so the claim only has to carry the health tests' cutoffs.
 *
 * <p>Thread-safety: one reader at a time; {@link #close()} from any thread stops a waiting reader
 * within one backoff step (at most {@value #MAX_BACKOFF_MICROS} us).
 */
public final class RdseedSource implements EntropySource {
  /** Tries per word when none is configured. */
  public static final int DEFAULT_MAX_TRIES = 32;

  /** The claimed min-entropy per 64-bit word when none is configured. */
  public static final double DEFAULT_MIN_ENTROPY = 32.0;

  static final int SELF_TEST_WORDS = 8;
  static final int MAX_BACKOFF_MICROS = 10_000;

  private final int maxTries;
  private final double claimedMinEntropy;
  // {previous word, CF=0 events, instructions}, carried across fills by the shim.
  private final long[] state = new long[3];
  private final int[] status = new int[1];
  private final AtomicLong notReady = new AtomicLong();
  private final AtomicLong instructions = new AtomicLong();
  private volatile SourceUnavailableException fault;
  private volatile boolean closed;

  private RdseedSource(int maxTries, double claimedMinEntropy) {
    this.maxTries = maxTries;
    this.claimedMinEntropy = claimedMinEntropy;
  }

  /**
   * Opens RDSEED and runs the start-up self-test.
   *
   * @param maxTries instructions per word before the word counts as not ready, 1 to 1,000,000
   * @param claimedMinEntropy bits per 64-bit word, in (0, 64]
   * @param selfTestDeadline how long the self-test may wait for ready words
   * @throws SourceUnavailableException ABSENT when the shim, the CPU or the kernel lacks RDSEED;
   *     FAULT when the self-test sees a bad or repeated word; NOT_READY when it times out
   */
  public static RdseedSource open(int maxTries, double claimedMinEntropy, Duration selfTestDeadline)
      throws SourceUnavailableException {
    checkArguments(maxTries, claimedMinEntropy);
    RdseedDriver.probe();
    RdseedSource source = new RdseedSource(maxTries, claimedMinEntropy);
    source.selfTest(selfTestDeadline);
    return source;
  }

  private static void checkArguments(int maxTries, double claimedMinEntropy) {
    if (maxTries < 1 || maxTries > 1_000_000) {
      throw new IllegalArgumentException("RDSEED maxTries " + maxTries + "; must be 1..1000000");
    }
    if (!(claimedMinEntropy > 0 && claimedMinEntropy <= 64)) {
      throw new IllegalArgumentException(
          "RDSEED min-entropy claim " + claimedMinEntropy + " bits per word; must be in (0, 64]");
    }
  }

  private void selfTest(Duration deadline) throws SourceUnavailableException {
    byte[] words = new byte[SELF_TEST_WORDS * 8];
    long end = System.nanoTime() + deadline.toNanos();
    int have = 0;
    while (have < words.length) {
      have += read(words, have, words.length - have, Duration.ofNanos(end - System.nanoTime()));
    }
    long distinct = distinctWords(words);
    java.util.Arrays.fill(words, (byte) 0);
    if (distinct < SELF_TEST_WORDS) {
      fault =
          new SourceUnavailableException(
              Reason.FAULT,
              "rdseed: start-up self-test: only "
                  + distinct
                  + " distinct of "
                  + SELF_TEST_WORDS
                  + " words (a stuck or cycling generator)");
      throw fault;
    }
  }

  private static long distinctWords(byte[] words) {
    java.nio.LongBuffer lb = java.nio.ByteBuffer.wrap(words).asLongBuffer();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (lb.hasRemaining()) {
      seen.add(lb.get());
    }
    return seen.size();
  }

  @Override
  public String id() {
    return "rdseed";
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.HARDWARE;
  }

  @Override
  public int sampleBits() {
    return 64;
  }

  @Override
  public double claimedMinEntropy() {
    return claimedMinEntropy;
  }

  @Override
  public String minEntropyBasis() {
    return claimedMinEntropy == DEFAULT_MIN_ENTROPY ? "vendor full-entropy, halved" : "config";
  }

  /**
   * Reads whole 64-bit words, at least one, waiting at most {@code deadline} for a ready word.
   *
   * @throws SourceUnavailableException NOT_READY at the deadline, FAULT after a bad word (then on
   *     every later call), CLOSED
   * @throws IllegalArgumentException when {@code len} is under 8
   */
  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len < 8) {
      throw new IllegalArgumentException("RDSEED read of " + len + " bytes; one word is 8");
    }
    long end = System.nanoTime() + deadline.toNanos();
    long backoffMicros = 50;
    while (true) {
      int words = fill(buf, off, Math.min(len / 8, RdseedJni.MAX_WORDS));
      if (words > 0) {
        return words * 8;
      }
      waitForReady(end, backoffMicros);
      backoffMicros = Math.min(backoffMicros * 2, MAX_BACKOFF_MICROS);
    }
  }

  /**
   * One shim call straight into {@code buf}; the number of good words written, 0 when none was
   * ready. After a fault the words of this fill are wiped again, so none of them is handed out.
   */
  private synchronized int fill(byte[] buf, int off, int words) throws SourceUnavailableException {
    ensureUsable();
    long notReadyBefore = state[1];
    long instructionsBefore = state[2];
    int got = RdseedJni.fill(buf, off, words, maxTries, state, status);
    if (got < 0) {
      throw new IllegalStateException("rdseed shim refused a fill of " + words + " words");
    }
    notReady.addAndGet(state[1] - notReadyBefore);
    instructions.addAndGet(state[2] - instructionsBefore);
    int why = status[0];
    if (why == RdseedJni.OK || why == RdseedJni.NOT_READY) {
      return got;
    }
    java.util.Arrays.fill(buf, off, off + got * 8, (byte) 0);
    fault = new SourceUnavailableException(Reason.FAULT, "rdseed: " + describe(why));
    throw fault;
  }

  static String describe(int status) {
    return switch (status) {
      case RdseedJni.ZERO -> "the CPU returned 0 with the carry flag set (faulty RDSEED)";
      case RdseedJni.ALL_ONES ->
          "the CPU returned all-ones with the carry flag set (faulty RDSEED)";
      case RdseedJni.REPEAT -> "the CPU returned the same 64-bit word twice (stuck)";
      default -> "shim status " + status;
    };
  }

  private void waitForReady(long end, long backoffMicros) throws SourceUnavailableException {
    long left = end - System.nanoTime();
    if (left <= 0) {
      throw new SourceUnavailableException(
          Reason.NOT_READY,
          "rdseed: no ready word within the deadline (" + maxTries + " tries per word)");
    }
    LockSupport.parkNanos(Math.min(left, TimeUnit.MICROSECONDS.toNanos(backoffMicros)));
  }

  private void ensureUsable() throws SourceUnavailableException {
    if (closed) {
      throw new SourceUnavailableException(Reason.CLOSED, "rdseed: closed");
    }
    if (fault != null) {
      throw new SourceUnavailableException(Reason.FAULT, fault.getMessage(), fault);
    }
  }

  /** The retry cap and the instructions executed so far. */
  @Override
  public java.util.Map<String, String> details() {
    return java.util.Map.of(
        "max_tries", Integer.toString(maxTries),
        "instructions", Long.toString(instructions.get()));
  }

  /** CF=0 results seen so far: each is one RDSEED instruction that had no word ready. */
  @Override
  public long notReadyCount() {
    return notReady.get();
  }

  /** RDSEED instructions executed so far. */
  public long instructionCount() {
    return instructions.get();
  }

  /** The configured tries per word. */
  public int maxTries() {
    return maxTries;
  }

  @Override
  public void close() {
    closed = true;
  }
}
