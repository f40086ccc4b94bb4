package io.quamtx.core.drbg;

import java.util.Objects;

/**
 * An immutable, validated choice of DRBG mechanism and its parameters.
 *
 * <p>Each builder option is checked when set, and the bad value is named in the exception.
 * Thread-safe (immutable).
 */
public final class DrbgConfig {
  /** SP 800-90A table 2/3: the largest reseed interval the standard allows, 2^48 requests. */
  public static final long MAX_RESEED_INTERVAL = 1L << 48;

  /** The largest single request in bytes, 2^19 bits (the bound for AES and the SHA-2 family). */
  public static final int MAX_REQUEST_BYTES = 1 << 16;

  private final Mechanism mechanism;
  private final boolean derivationFunction;
  private final int strength;
  private final boolean predictionResistance;
  private final long reseedInterval;
  private final boolean ownSha256;

  private DrbgConfig(Builder b) {
    this.mechanism = b.mechanism;
    this.derivationFunction = b.derivationFunction;
    this.strength = b.strength == 0 ? b.mechanism.maxStrength() : b.strength;
    this.predictionResistance = b.predictionResistance;
    this.reseedInterval = b.reseedInterval;
    this.ownSha256 = b.ownSha256;
    if (ownSha256 && mechanism != Mechanism.HASH_SHA_256) {
      throw new IllegalArgumentException(
          "own SHA-256 asked for " + mechanism + "; only for Hash_DRBG SHA-256");
    }
    if (strength > mechanism.maxStrength()) {
      throw new IllegalArgumentException(
          "strength " + strength + " exceeds " + mechanism + "'s " + mechanism.maxStrength());
    }
    if (!derivationFunction && !mechanism.isCtr()) {
      throw new IllegalArgumentException(mechanism + " has no form without derivation function");
    }
  }

  /** A builder starting from CTR_DRBG AES-256 with df, no prediction resistance, 2^20 requests. */
  public static Builder builder() {
    return new Builder();
  }

  public Mechanism mechanism() {
    return mechanism;
  }

  /** Whether a CTR_DRBG uses Block_Cipher_df; always true for Hash and HMAC. */
  public boolean derivationFunction() {
    return derivationFunction;
  }

  /** The instantiated security strength, in bits. */
  public int strength() {
    return strength;
  }

  /** Whether the instance supports prediction-resistance requests. */
  public boolean predictionResistance() {
    return predictionResistance;
  }

  /** Generate requests allowed between reseeds. */
  public long reseedInterval() {
    return reseedInterval;
  }

  /** Whether a Hash_DRBG SHA-256 hashes with quamtx's own SHA-256 rather than the JDK's. */
  public boolean ownSha256() {
    return ownSha256;
  }

  /** Bytes of entropy input needed at instantiate and reseed. */
  int entropyBytes() {
    return derivationFunction ? strength / 8 : seedBytes();
  }

  /** Bytes of nonce needed at instantiate: half the strength, none without df. */
  int nonceBytes() {
    return derivationFunction ? strength / 16 : 0;
  }

  /** The CTR_DRBG seedlen in bytes (key plus one block). */
  int seedBytes() {
    return mechanism.stateBytes() + 16;
  }

  @Override
  public String toString() {
    return mechanism
        + (derivationFunction ? "" : " no df")
        + " strength "
        + strength
        + (ownSha256 ? " own SHA-256" : "")
        + (predictionResistance ? " pr" : "")
        + " reseed every "
        + reseedInterval;
  }

  /** Builds a {@link DrbgConfig}; not thread-safe. */
  public static final class Builder {
    private Mechanism mechanism = Mechanism.CTR_AES_256;
    private boolean derivationFunction = true;
    private int strength;
    private boolean predictionResistance;
    private long reseedInterval = 1L << 20;
    private boolean ownSha256;

    private Builder() {}

    public Builder mechanism(Mechanism mechanism) {
      this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
      return this;
    }

    /** Off selects the no-df CTR_DRBG, which needs full-entropy input of seedlen bits. */
    public Builder derivationFunction(boolean on) {
      this.derivationFunction = on;
      return this;
    }

    /** 112, 128, 192 or 256; defaults to the mechanism's highest. */
    public Builder strength(int bits) {
      if (bits != 112 && bits != 128 && bits != 192 && bits != 256) {
        throw new IllegalArgumentException("strength " + bits + "; allowed: 112, 128, 192, 256");
      }
      this.strength = bits;
      return this;
    }

    public Builder predictionResistance(boolean on) {
      this.predictionResistance = on;
      return this;
    }

    /** 1 to {@link #MAX_RESEED_INTERVAL} generate requests. */
    public Builder reseedInterval(long requests) {
      if (requests < 1 || requests > MAX_RESEED_INTERVAL) {
        throw new IllegalArgumentException(
            "reseed interval " + requests + "; allowed 1.." + MAX_RESEED_INTERVAL);
      }
      this.reseedInterval = requests;
      return this;
    }

    /**
     * For Hash_DRBG SHA-256 only: hash with quamtx's own SHA-256 instead of the JDK's {@code
     * MessageDigest}. The JDK's is faster once compiled (it uses the CPU's SHA instructions), but
     * its first lookup in a JVM reads the security properties and loads the SUN provider, which
     * costs a fresh JVM's first draw about as long as the JDK's whole DRBG start. For a short-lived
     * DRBG made before anything else has loaded the provider. Off by default.
     */
    public Builder ownSha256(boolean on) {
      this.ownSha256 = on;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the strength exceeds the mechanism's, or a non-CTR
     *     mechanism is asked for without derivation function, or own SHA-256 for another mechanism
     *     than Hash_DRBG SHA-256
     */
    public DrbgConfig build() {
      return new DrbgConfig(this);
    }
  }
}
