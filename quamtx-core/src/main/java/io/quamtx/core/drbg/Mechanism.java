package io.quamtx.core.drbg;

/**
 * The SP 800-90A Rev. 1 mechanisms quamtx implements, with the primitive each one is built on.
 *
 * <p>The highest security strength is 128 bits for AES-128 and 256 bits for the others (SP 800-90A
 * table 2 and table 3).
 */
public enum Mechanism {
  /** CTR_DRBG over AES-128, section 10.2. */
  CTR_AES_128("AES", 16, 128),
  /** CTR_DRBG over AES-256, section 10.2; the provider's default. */
  CTR_AES_256("AES", 32, 256),
  /** Hash_DRBG over SHA-256, section 10.1.1; seedlen 440 bits. */
  HASH_SHA_256("SHA-256", 55, 256),
  /** Hash_DRBG over SHA-512, section 10.1.1; seedlen 888 bits. */
  HASH_SHA_512("SHA-512", 111, 256),
  /** HMAC_DRBG over HMAC-SHA-256, section 10.1.2. */
  HMAC_SHA_256("HmacSHA256", 32, 256),
  /** HMAC_DRBG over HMAC-SHA-512, section 10.1.2. */
  HMAC_SHA_512("HmacSHA512", 64, 256);

  private final String primitive;
  private final int stateBytes;
  private final int maxStrength;

  Mechanism(String primitive, int stateBytes, int maxStrength) {
    this.primitive = primitive;
    this.stateBytes = stateBytes;
    this.maxStrength = maxStrength;
  }

  /** The JCA name of the underlying primitive, such as {@code AES} or {@code SHA-256}. */
  public String primitive() {
    return primitive;
  }

  /** The key length (CTR), seedlen (Hash) or output length (HMAC) in bytes. */
  int stateBytes() {
    return stateBytes;
  }

  /** The highest security strength this mechanism supports, in bits. */
  public int maxStrength() {
    return maxStrength;
  }

  /** Whether this is a CTR_DRBG, the only family with a no-derivation-function form. */
  public boolean isCtr() {
    return this == CTR_AES_128 || this == CTR_AES_256;
  }
}
