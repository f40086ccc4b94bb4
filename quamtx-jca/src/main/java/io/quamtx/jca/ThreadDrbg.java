package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import io.quamtx.core.drbg.EntropyInput;
import java.time.Duration;
import java.util.Arrays;

/**
 * One thread's CTR_DRBG (AES-256, df) and its generate-ahead buffer.
 *
 * <p>Requests of up to {@value #SMALL} bytes are served from a {@value #BUFFER}-byte buffer filled
 * by one generate request; each served slice is wiped at once and the buffer is dropped on every
 * reseed and prediction-resistance request. Larger requests go straight to the DRBG. Every {@value
 * #SOFT_RESEED} generate requests the DRBG reseeds if the reservoir has material now; the DRBG's
 * own interval ({@value #HARD_RESEED} requests) forces a reseed that may wait up to the engine's
 * seed deadline and fails closed.
 *
 * <p>Confined to one thread.
 */
final class ThreadDrbg implements EntropyInput {
  static final int BUFFER = 4096;
  static final int SMALL = 256;
  static final long SOFT_RESEED = 1L << 14;
  static final long HARD_RESEED = 1L << 20;
  private static final byte[] EMPTY = new byte[0];

  private final QuamtxEngine engine;
  private final Drbg drbg;
  private final byte[] buffer = new byte[BUFFER];
  private int pos = BUFFER;
  private long sinceReseed;
  private long seenEpoch;
  private Duration wait;
  private String purpose = "instantiate";
  private SourceClass outputClass = SourceClass.CONDITIONED;

  ThreadDrbg(QuamtxEngine engine, DrbgConfig config, byte[] personalization)
      throws EntropyException {
    this.engine = engine;
    this.wait = engine.seedDeadline();
    this.drbg = Drbg.instantiate(config, this, personalization);
    this.purpose = "reseed";
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
    if (len > SMALL) {
      generate(out, EMPTY, false);
      return;
    }
    if (BUFFER - pos < len) {
      refill();
    }
    System.arraycopy(buffer, pos, out, 0, len);
    Arrays.fill(buffer, pos, pos + len, (byte) 0);
    pos += len;
  }

  private void refill() throws EntropyException {
    softReseed();
    drbg.generate(buffer, 0, BUFFER, EMPTY, false);
    sinceReseed++;
    pos = 0;
  }

  /** A direct request: bypasses and drops the buffer. */
  void generate(byte[] out, byte[] additional, boolean pr) throws EntropyException {
    dropBuffer();
    if (!pr) {
      softReseed();
    }
    drbg.generate(out, 0, out.length, additional, pr);
    sinceReseed += 1 + out.length / DrbgConfig.MAX_REQUEST_BYTES;
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
    drbg.generate(buffer, 0, BUFFER, digest, false);
    Arrays.fill(buffer, (byte) 0);
    seenEpoch = epoch;
  }

  private void dropBuffer() {
    if (pos < BUFFER) {
      Arrays.fill(buffer, pos, BUFFER, (byte) 0);
      pos = BUFFER;
    }
  }
}
