package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import io.quamtx.core.drbg.EntropyInput;
import io.quamtx.core.drbg.Mechanism;
import java.time.Duration;
import java.util.Arrays;

/**
 * One thread's CTR_DRBG (AES-256, df) and its generate-ahead buffer.
 *
 * <p>Plain requests of up to {@value #BUFFERED} bytes are served from a buffer filled by one
 * generate request at a time (each ending with the CTR_DRBG Update, so the key changes after every
 * block); each served slice is wiped at once and the buffer is dropped on every reseed, additional
 * input and prediction-resistance request. A thread's first block is only {@value #FIRST_BLOCK}
 * bytes: the first draw of a fresh JVM runs the hash or AES code uncompiled, and each further block
 * of it adds to the time to first output. After it, the buffer is {@value #SMALL_BLOCK} bytes until
 * the thread first asks for more than {@value #SMALL} bytes at once, then {@value #LARGE_BLOCK}
 * bytes, so the AES key schedule of one generate request is shared by many mid-sized requests while
 * threads that draw only small values keep a small buffer. Larger requests go straight to the DRBG.
 * Every {@value #SOFT_RESEED} generate requests the DRBG reseeds if the reservoir has material now;
 * the DRBG's own interval ({@value #HARD_RESEED} requests) forces a reseed that may wait up to the
 * engine's seed deadline and fails closed.
 *
 * <p>While the engine reports that AES is not loaded yet ({@link QuamtxEngine#aesReady()}: the
 * JCE's first use costs tens of milliseconds in a fresh JVM), a CTR_DRBG configuration starts as a
 * Hash_DRBG over SHA-256 (quamtx's own, so that no JCA provider is looked up either) of the same
 * strength and capability, seeded the same way and recorded as {@value #PROVISIONAL}. At the first
 * block boundary after AES has loaded, it is replaced by the configured CTR_DRBG, instantiated from
 * fresh reservoir material (without waiting; on a shortfall the Hash_DRBG goes on to the next
 * block), and uninstantiated.
 *
 * <p>Confined to one thread.
 */
final class ThreadDrbg implements EntropyInput {
  static final int FIRST_BLOCK = 64;
  static final int SMALL_BLOCK = 4096;
  static final int LARGE_BLOCK = 1 << 16;
  static final int SMALL = 256;
  static final int BUFFERED = 1 << 14;
  private static final int DISCARD = 32;
  static final long SOFT_RESEED = 1L << 14;
  static final long HARD_RESEED = 1L << 20;
  static final String PROVISIONAL = "instantiate Hash_DRBG,SHA-256 until AES loads";
  private static final byte[] EMPTY = new byte[0];

  private final QuamtxEngine engine;
  private final DrbgConfig config;
  private final byte[] personalization;
  private final EntropyInput input;
  private Drbg drbg;
  private boolean provisional;
  private byte[] buffer = new byte[FIRST_BLOCK];
  private int pos = FIRST_BLOCK;
  private boolean refilled;
  // Whether this thread has had output; the shared engine's JCE starts loading at the next request.
  private boolean served;
  private long sinceReseed;
  private long seenEpoch;
  private Duration wait;
  private String purpose = "instantiate";
  private SourceClass outputClass = SourceClass.CONDITIONED;

  ThreadDrbg(QuamtxEngine engine, DrbgConfig config, byte[] personalization)
      throws EntropyException {
    this(engine, config, personalization, null);
  }

  /** With {@code input} null the DRBG draws from {@code engine}; tests give a fixed input. */
  ThreadDrbg(QuamtxEngine engine, DrbgConfig config, byte[] personalization, EntropyInput input)
      throws EntropyException {
    this.engine = engine;
    this.config = config;
    this.personalization = personalization.clone();
    this.input = input == null ? this : input;
    this.wait = engine.seedDeadline();
    this.provisional =
        config.mechanism().isCtr() && config.derivationFunction() && !engine.aesReady();
    this.purpose = provisional ? PROVISIONAL : "instantiate";
    this.drbg =
        Drbg.instantiate(provisional ? hashConfig(config) : config, this.input, personalization);
    this.purpose = "reseed";
  }

  /** A Hash_DRBG (SHA-256) with the strength, capability and interval of {@code config}. */
  private static DrbgConfig hashConfig(DrbgConfig config) {
    return DrbgConfig.builder()
        .mechanism(Mechanism.HASH_SHA_256)
        .ownSha256(true)
        .strength(config.strength())
        .predictionResistance(config.predictionResistance())
        .reseedInterval(config.reseedInterval())
        .build();
  }

  /** Whether the DRBG is still the provisional Hash_DRBG. */
  boolean provisional() {
    return provisional;
  }

  /** The configuration of the DRBG serving now. */
  DrbgConfig current() {
    return drbg.config();
  }

  /**
   * Replaces the provisional Hash_DRBG by the configured DRBG once AES has loaded; keeps it when
   * the reservoir has no material at this moment.
   */
  private void settle() {
    if (!provisional || !engine.aesReady()) {
      return;
    }
    dropBuffer();
    wait = Duration.ZERO;
    purpose = "instantiate";
    try {
      Drbg next = Drbg.instantiate(config, input, personalization);
      drbg.uninstantiate();
      drbg = next;
      provisional = false;
      sinceReseed = 0;
    } catch (EntropyException e) {
      // Short of material just now: the Hash_DRBG serves this block and the next one tries again.
    } finally {
      purpose = "reseed";
      wait = engine.seedDeadline();
    }
  }

  @Override
  public byte[] get(int bits, int min, int max, boolean pr) throws EntropyException {
    String why = pr ? "prediction-resistance" : purpose;
    boolean soft = wait.isZero();
    QuamtxEngine.Material m = engine.draw(min, why, false, wait, !soft);
    outputClass = m.outputClass();
    return m.bytes();
  }

  /** The class of the output, by what seeded the DRBG most recently. */
  SourceClass outputClass() {
    return outputClass;
  }

  void nextBytes(byte[] out) throws EntropyException {
    int len = out.length;
    if (len > BUFFERED) {
      generate(out, EMPTY, false);
      return;
    }
    if (len > SMALL) {
      growBuffer();
    }
    if (buffer.length - pos < len) {
      refill();
    }
    System.arraycopy(buffer, pos, out, 0, len);
    Arrays.fill(buffer, pos, pos + len, (byte) 0);
    pos += len;
  }

  /** Switches to the large block at the first mid-sized request; the small one is wiped. */
  private void growBuffer() {
    if (buffer.length < LARGE_BLOCK) {
      dropBuffer();
      buffer = new byte[LARGE_BLOCK];
      pos = LARGE_BLOCK;
    }
  }

  private void refill() throws EntropyException {
    if (refilled && buffer.length < SMALL_BLOCK) {
      dropBuffer();
      buffer = new byte[SMALL_BLOCK];
    }
    if (served) {
      // Not at the first output: that DRBG was just instantiated and the caller waits for it.
      engine.outputBegan();
      settle();
    }
    refilled = true;
    softReseed();
    drbg.generate(buffer, 0, buffer.length, EMPTY, false);
    sinceReseed++;
    pos = 0;
    served = true;
  }

  /** A direct request: bypasses and drops the buffer. */
  void generate(byte[] out, byte[] additional, boolean pr) throws EntropyException {
    dropBuffer();
    if (served) {
      engine.outputBegan();
    }
    settle();
    if (!pr) {
      softReseed();
    }
    drbg.generate(out, 0, out.length, additional, pr);
    sinceReseed += 1 + out.length / DrbgConfig.MAX_REQUEST_BYTES;
    served = true;
  }

  /** Reseeds now if the reservoir has material without waiting; keeps going otherwise. */
  private void softReseed() throws EntropyException {
    if (sinceReseed < SOFT_RESEED) {
      return;
    }
    wait = Duration.ZERO;
    try {
      drbg.reseed(EMPTY);
      sinceReseed = 0;
    } catch (EntropyException e) {
      // Material was short just now; the DRBG's own interval forces a waiting reseed later.
      sinceReseed = SOFT_RESEED / 2;
    } finally {
      wait = engine.seedDeadline();
    }
  }

  void reseed(byte[] additional, boolean pr) throws EntropyException {
    dropBuffer();
    settle();
    drbg.reseed(additional, pr);
    sinceReseed = 0;
  }

  /** Mixes caller-supplied seed material into the state as additional input. */
  void mixIn(long epoch, byte[] digest) throws EntropyException {
    if (epoch == seenEpoch) {
      return;
    }
    dropBuffer();
    // A generate request with the digest as additional input updates the state; its output is
    // thrown away.
    drbg.generate(buffer, 0, DISCARD, digest, false);
    Arrays.fill(buffer, 0, DISCARD, (byte) 0);
    seenEpoch = epoch;
  }

  private void dropBuffer() {
    if (pos < buffer.length) {
      Arrays.fill(buffer, pos, buffer.length, (byte) 0);
      pos = buffer.length;
    }
  }
}
