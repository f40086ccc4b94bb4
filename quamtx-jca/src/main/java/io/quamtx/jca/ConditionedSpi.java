package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import io.quamtx.core.drbg.DrbgConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.DrbgParameters.Capability;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandomParameters;
import java.security.SecureRandomSpi;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code SecureRandom.QUAMTX}: SP 800-90A CTR_DRBG (AES-256, df) output, one DRBG per thread per
 * instance, seeded and reseeded from the engine's reservoir.
 *
 * <p>Thread-safe without a lock on the generate path (registered {@code ThreadSafe=true}). {@code
 * nextBytes} waits on the sources only at a thread's first call (instantiation) and when a forced
 * reseed finds the reservoir empty, each time up to the engine's seed deadline; it throws {@link
 * QuamtxUnavailableException} rather than return unseeded bytes.
 */
final class ConditionedSpi extends SecureRandomSpi {
  private static final long serialVersionUID = 1L;
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int STRENGTH = 256;

  private final transient Supplier<QuamtxEngine> engine;
  private final Capability capability;
  private final byte[] personalization;
  private final long instanceId = INSTANCES.incrementAndGet();
  private final transient ThreadLocal<ThreadDrbg> local = new ThreadLocal<ThreadDrbg>() {};
  private final AtomicLong threads = new AtomicLong();
  private volatile long epoch;
  private volatile byte[] mixed = new byte[32];

  /** {@code engine} may still be starting; a thread asks for it at its first call. */
  ConditionedSpi(Supplier<QuamtxEngine> engine, SecureRandomParameters params) {
    this.engine = engine;
    if (params == null) {
      this.capability = Capability.PR_AND_RESEED;
      this.personalization = new byte[0];
    } else if (params instanceof DrbgParameters.Instantiation) {
      DrbgParameters.Instantiation p = (DrbgParameters.Instantiation) params;
      checkStrength(p.getStrength());
      this.capability = p.getCapability();
      byte[] ps = p.getPersonalizationString();
      this.personalization = ps == null ? new byte[0] : ps;
    } else {
      throw new IllegalArgumentException("unsupported parameters " + params.getClass().getName());
    }
  }

  private static void checkStrength(int strength) {
    if (strength > STRENGTH) {
      throw new IllegalArgumentException("strength " + strength + "; QUAMTX supports up to 256");
    }
  }

  private ThreadDrbg state() {
    ThreadDrbg t = local.get();
    if (t == null) {
      t = instantiate();
      local.set(t);
    }
    long e = epoch;
    if (e != 0) {
      try {
        t.mixIn(e, mixed);
      } catch (EntropyException ex) {
        throw unavailable(ex);
      }
    }
    return t;
  }

  private ThreadDrbg instantiate() {
    DrbgConfig config =
        DrbgConfig.builder()
            .predictionResistance(capability.supportsPredictionResistance())
            .reseedInterval(ThreadDrbg.HARD_RESEED)
            .build();
    try {
      return new ThreadDrbg(engine.get(), config, threadPersonalization());
    } catch (EntropyException e) {
      throw unavailable(e);
    }
  }

  /** The caller's string plus what makes this thread's DRBG unique among instances. */
  private byte[] threadPersonalization() {
    byte[] tag =
        ("quamtx/jca/"
                + instanceId
                + "/"
                + Thread.currentThread().getId()
                + "/"
                + threads.incrementAndGet()
                + "/"
                + System.nanoTime())
            .getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(personalization.length + tag.length)
        .put(personalization)
        .put(tag)
        .array();
  }

  private static QuamtxUnavailableException unavailable(EntropyException e) {
    return new QuamtxUnavailableException("QUAMTX cannot produce output: " + e.getMessage(), e);
  }

  @Override
  protected void engineNextBytes(byte[] bytes) {
    try {
      state().nextBytes(bytes);
    } catch (EntropyException e) {
      throw unavailable(e);
    }
  }

  @Override
  protected void engineNextBytes(byte[] bytes, SecureRandomParameters params) {
    if (!(params instanceof DrbgParameters.NextBytes)) {
      throw new IllegalArgumentException("unsupported parameters " + params);
    }
    DrbgParameters.NextBytes p = (DrbgParameters.NextBytes) params;
    checkStrength(p.getStrength());
    checkPr(p.getPredictionResistance());
    byte[] addin = p.getAdditionalInput();
    try {
      state().generate(bytes, addin == null ? new byte[0] : addin, p.getPredictionResistance());
    } catch (EntropyException e) {
      throw unavailable(e);
    }
  }

  private void checkPr(boolean pr) {
    if (pr && !capability.supportsPredictionResistance()) {
      throw new IllegalArgumentException(
          "prediction resistance asked of a " + capability + " DRBG");
    }
  }

  @Override
  protected void engineReseed(SecureRandomParameters params) {
    if (!capability.supportsReseeding()) {
      throw new UnsupportedOperationException("reseed on a DRBG instantiated with " + capability);
    }
    byte[] addin = new byte[0];
    boolean pr = false;
    if (params != null) {
      if (!(params instanceof DrbgParameters.Reseed)) {
        throw new IllegalArgumentException("unsupported parameters " + params);
      }
      DrbgParameters.Reseed p = (DrbgParameters.Reseed) params;
      pr = p.getPredictionResistance();
      checkPr(pr);
      addin = p.getAdditionalInput() == null ? addin : p.getAdditionalInput();
    }
    try {
      state().reseed(addin, pr);
    } catch (EntropyException e) {
      throw unavailable(e);
    }
  }

  /** Mixes {@code seed} into every thread's DRBG of this instance; never replaces the state. */
  @Override
  protected synchronized void engineSetSeed(byte[] seed) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(mixed);
      md.update(seed);
      mixed = md.digest();
      epoch++;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  protected byte[] engineGenerateSeed(int numBytes) {
    return HardwareSpi.hardwareBytes(engine.get(), numBytes, "generate-seed");
  }

  @Override
  protected SecureRandomParameters engineGetParameters() {
    return DrbgParameters.instantiation(STRENGTH, capability, personalization.clone());
  }

  @Override
  public String toString() {
    return "QUAMTX CTR_DRBG,AES-256,"
        + STRENGTH
        + ","
        + capability.toString().toLowerCase(Locale.ROOT)
        + ",use_df";
  }
}
