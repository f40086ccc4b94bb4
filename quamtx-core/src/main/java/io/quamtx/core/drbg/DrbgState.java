package io.quamtx.core.drbg;

/**
 * The working state and the three algorithm functions of one mechanism, with inputs given
 * explicitly. {@link Drbg} adds the checks, the entropy input and the reseed counter around it.
 */
interface DrbgState {

  void instantiate(byte[] entropy, byte[] nonce, byte[] personalization);

  void reseed(byte[] entropy, byte[] additional);

  /** Generates {@code len <= MAX_REQUEST_BYTES} bytes; {@code additional} may be empty. */
  void generate(byte[] out, int off, int len, byte[] additional);

  /** Overwrites the working state. */
  void wipe();

  static DrbgState create(DrbgConfig config) {
    switch (config.mechanism()) {
      case CTR_AES_128:
      case CTR_AES_256:
        return new CtrDrbgState(config.mechanism().stateBytes(), config.derivationFunction());
      case HASH_SHA_256:
      case HASH_SHA_512:
        return new HashDrbgState(config.mechanism(), config.ownSha256());
      default:
        return new HmacDrbgState(config.mechanism());
    }
  }
}
