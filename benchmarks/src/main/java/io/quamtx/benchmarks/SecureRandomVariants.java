package io.quamtx.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.quamtx.jca.QuamtxProvider;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Security;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The generators compared by {@link SecureRandomBench}, built the same way for every run. */
final class SecureRandomVariants {
  private static final byte[] PS = "quamtx-bench".getBytes(StandardCharsets.US_ASCII);

  private SecureRandomVariants() {}

  static SecureRandom create(String name) throws GeneralSecurityException {
    switch (name) {
      case "QUAMTX":
        return SecureRandom.getInstance("QUAMTX", new QuamtxProvider());
      case "SUN-DRBG":
        return SecureRandom.getInstance("DRBG", "SUN");
      case "SUN-HASH256":
        return sunDrbg("Hash_DRBG,SHA-256");
      case "SUN-HMAC256":
        return sunDrbg("HMAC_DRBG,SHA-256");
      case "SUN-CTR256":
        return sunDrbg("CTR_DRBG,AES-256,use_df");
      case "NativePRNG":
      case "NativePRNGNonBlocking":
      case "SHA1PRNG":
        return SecureRandom.getInstance(name, "SUN");
      case "BC-DEFAULT":
        return SecureRandom.getInstance("DEFAULT", new BouncyCastleProvider());
      case "ACCP-DEFAULT":
        return SecureRandom.getInstance("DEFAULT", AmazonCorrettoCryptoProvider.INSTANCE);
      default:
        return bouncyCastle(name);
    }
  }

  /** The JDK's DRBG with its mechanism chosen by the security property, at strength 256. */
  private static SecureRandom sunDrbg(String config) throws GeneralSecurityException {
    Security.setProperty("securerandom.drbg.config", config);
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, PS),
          "SUN");
    } finally {
      Security.setProperty("securerandom.drbg.config", "");
    }
  }

  private static SecureRandom bouncyCastle(String name) {
    SP800SecureRandomBuilder b =
        new SP800SecureRandomBuilder(new SecureRandom(), false)
            .setPersonalizationString(PS)
            .setSecurityStrength(256)
            .setEntropyBitsRequired(256);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    switch (name) {
      case "BC-HASH256":
        return b.buildHash(new SHA256Digest(), nonce, false);
      case "BC-HMAC256":
        return b.buildHMAC(new HMac(new SHA256Digest()), nonce, false);
      case "BC-CTR256":
        return b.buildCTR(AESEngine.newInstance(), 256, nonce, false);
      default:
        throw new IllegalArgumentException("unknown variant " + name);
    }
  }
}
