package io.quamtx.core.drbg;

import io.quamtx.core.EntropyException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An instantiated SP 800-90A DRBG: the checks, reseed counter, prediction resistance and entropy
 * input of sections 9.1 to 9.4 around one mechanism's working state.
 *
 * <p>Requests longer than {@link DrbgConfig#MAX_REQUEST_BYTES} are split into several generate
 * requests, each counted towards the reseed interval. The DRBG reseeds itself from its {@link
 * EntropyInput} when the interval is reached and before every prediction-resistant request.
 *
 * <p>Not thread-safe: give each thread its own instance or guard it. Blocks only as long as its
 * {@link EntropyInput} does. After {@link #uninstantiate()} every call throws {@link
 * IllegalStateException}.
 */
public final class Drbg {
  private static final byte[] EMPTY = new byte[0];

  private final DrbgConfig config;
  private final EntropyInput input;
  private final DrbgState state;
  private long reseedCounter;
  private long reseeds;
  private boolean live;

  private Drbg(DrbgConfig config, EntropyInput input) {
    this.config = config;
    this.input = input;
    this.state = DrbgState.create(config);
  }

  /**
   * Instantiates a DRBG (section 9.1), pulling entropy input and nonce from {@code input}.
   *
   * @param personalization up to 2^16 bytes, may be empty; with no df at most seedlen bytes
   * @throws EntropyException when {@code input} cannot supply the seed; nothing is instantiated
   * @throws IllegalArgumentException when the personalization string is too long
   */
  public static Drbg instantiate(DrbgConfig config, EntropyInput input, byte[] personalization)
      throws EntropyException {
    Drbg drbg = new Drbg(Objects.requireNonNull(config), Objects.requireNonNull(input));
    checkLength("personalization string", personalization);
    byte[] entropy = drbg.entropy(false);
    byte[] nonce = config.nonceBytes() == 0 ? EMPTY : drbg.nonce();
    try {
      drbg.state.instantiate(entropy, nonce, personalization);
    } finally {
      Arrays.fill(entropy, (byte) 0);
      Arrays.fill(nonce, (byte) 0);
    }
    drbg.reseedCounter = 1;
    drbg.live = true;
    return drbg;
  }

  private byte[] entropy(boolean pr) throws EntropyException {
    int n = config.entropyBytes();
    int max = config.derivationFunction() ? 1 << 16 : n;
    return checked("entropy input", input.get(config.strength(), n, max, pr), n, max);
  }

  private byte[] nonce() throws EntropyException {
    int n = config.nonceBytes();
    return checked("nonce", input.get(config.strength() / 2, n, 1 << 16, false), n, 1 << 16);
  }

  private static byte[] checked(String what, byte[] got, int min, int max) throws EntropyException {
    if (got == null || got.length < min || got.length > max) {
      int len = got == null ? -1 : got.length;
      throw new EntropyException(what + " of " + len + " bytes; need " + min + ".." + max);
    }
    return got;
  }

  private static void checkLength(String what, byte[] value) {
    if (value.length > 1 << 16) {
      throw new IllegalArgumentException(what + " of " + value.length + " bytes; max 65536");
    }
  }

  /**
   * Reseeds (section 9.2) with fresh entropy input and optional additional input.
   *
   * @throws EntropyException when no entropy input is available; the state is left unchanged
   */
  public void reseed(byte[] additional) throws EntropyException {
    reseed(additional, false);
  }

  /**
   * Reseeds, asking the entropy input for live material when {@code pr} is set.
   *
   * @throws EntropyException when no entropy input is available; the state is left unchanged
   */
  public void reseed(byte[] additional, boolean pr) throws EntropyException {
    ensureLive();
    checkLength("additional input", additional);
    byte[] entropy = entropy(pr);
    try {
      state.reseed(entropy, additional);
    } finally {
      Arrays.fill(entropy, (byte) 0);
    }
    reseedCounter = 1;
    reseeds++;
  }

  /** Fills {@code out} without additional input or prediction resistance. */
  public void generate(byte[] out) throws EntropyException {
    generate(out, 0, out.length, EMPTY, false);
  }

  /**
   * Generates {@code len} bytes into {@code out} at {@code off} (section 9.3).
   *
   * @param additional additional input, may be empty; used with the first request of a split one
   * @param predictionResistance reseed from a live source first; needs a config that allows it
   * @throws EntropyException when a needed reseed fails; no bytes are written then
   * @throws IllegalArgumentException for prediction resistance on an instance without it
   */
  public void generate(
      byte[] out, int off, int len, byte[] additional, boolean predictionResistance)
      throws EntropyException {
    ensureLive();
    Objects.checkFromIndexSize(off, len, out.length);
    checkLength("additional input", additional);
    if (predictionResistance && !config.predictionResistance()) {
      throw new IllegalArgumentException("prediction resistance asked of " + config);
    }
    byte[] addin = additional;
    for (int pos = 0; pos < len || pos == 0; ) {
      int n = Math.min(len - pos, DrbgConfig.MAX_REQUEST_BYTES);
      addin = reseedIfNeeded(addin, predictionResistance);
      state.generate(out, off + pos, n, addin);
      reseedCounter++;
      addin = EMPTY;
      pos += Math.max(n, 1);
    }
  }

  /** Section 9.3.1 steps 7 and 9: reseed, and then the additional input is consumed. */
  private byte[] reseedIfNeeded(byte[] addin, boolean pr) throws EntropyException {
    if (pr || reseedCounter > config.reseedInterval()) {
      reseed(addin, pr);
      return EMPTY;
    }
    return addin;
  }

  private void ensureLive() {
    if (!live) {
      throw new IllegalStateException("DRBG was uninstantiated");
    }
  }

  /** Wipes the working state (section 9.4); later calls throw. */
  public void uninstantiate() {
    state.wipe();
    live = false;
  }

  public DrbgConfig config() {
    return config;
  }

  /** Generate requests since the last (re)seed, plus one, as in the standard. */
  public long reseedCounter() {
    return reseedCounter;
  }

  /** Reseeds done since instantiation, including prediction-resistance ones. */
  public long reseeds() {
    return reseeds;
  }
}
