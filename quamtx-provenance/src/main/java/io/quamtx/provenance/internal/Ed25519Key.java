package io.quamtx.provenance.internal;

import io.quamtx.provenance.SignatureAlgorithm;
import io.quamtx.provenance.Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair held in memory, signing through BouncyCastle's RFC 8032 code (several times
 * faster than the JDK 17 provider, and strict about signature length).
 *
 * <p>The key id is the first 8 bytes of SHA-256("quamtx-key\n" || public key) in hex, and the key
 * name is {@code quamtx-edge-<key id>}. Thread-safe: BouncyCastle's Ed25519 is stateless per call.
 */
public final class Ed25519Key implements Signer {
  /** Prefix of every key name. */
  public static final String NAME_PREFIX = "quamtx-edge-";

  private static final int DECODED_MAX = 64;
  private static final Map<String, Ed25519PublicKeyParameters> DECODED = new ConcurrentHashMap<>();

  static {
    // The base-point tables are otherwise built inside the first signature a caller waits for.
    Ed25519.precompute();
  }

  private final byte[] secret;
  private final byte[] publicKey;
  private final String keyId;
  private final String name;

  private Ed25519Key(byte[] seed) {
    Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    this.secret = privateKey.getEncoded();
    this.publicKey = privateKey.generatePublicKey().getEncoded();
    this.keyId = keyIdOf(publicKey);
    this.name = NAME_PREFIX + keyId;
  }

  /** A new key from the given generator. */
  public static Ed25519Key generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    try {
      return new Ed25519Key(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The key whose 32-byte RFC 8032 private key (seed) is given. */
  public static Ed25519Key fromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
    }
    return new Ed25519Key(seed);
  }

  /** The 16-hex-digit key id of a public key. */
  public static String keyIdOf(byte[] publicKey) {
    MessageDigest md = Hashes.sha256();
    md.update("quamtx-key\n".getBytes(StandardCharsets.US_ASCII));
    return Hashes.hex(Arrays.copyOf(md.digest(publicKey), 8));
  }

  /**
   * Signs a message; 64-byte signature. Never blocks, never fails. The encoded public key is passed
   * in: BouncyCastle's key object would otherwise take a lock shared by every signing thread and
   * encode its public point again for each signature.
   */
  @Override
  public byte[] sign(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(secret, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /**
   * Verifies an Ed25519 signature with BouncyCastle: any length but 64, a non-canonical S or a
   * non-canonical encoding is rejected.
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    try {
      Ed25519PublicKeyParameters pk = publicKeyOf(publicKey);
      return pk.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The decoded public key. Decoding (a square root on the curve) costs about a tenth of a verify,
   * and a log has a handful of keys, so the last few decoded keys are kept; the map is cleared
   * rather than grown when a caller cycles through many keys.
   */
  private static Ed25519PublicKeyParameters publicKeyOf(byte[] publicKey) {
    String k = Base64.getEncoder().encodeToString(publicKey);
    Ed25519PublicKeyParameters pk = DECODED.get(k);
    if (pk == null) {
      pk = new Ed25519PublicKeyParameters(publicKey, 0);
      if (DECODED.size() >= DECODED_MAX) {
        DECODED.clear();
      }
      DECODED.put(k, pk);
    }
    return pk;
  }

  /** The raw 32-byte private key, for writing to the key file only. */
  public byte[] seed() {
    return secret.clone();
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ED25519;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The 16-hex-digit key id. */
  public String keyId() {
    return keyId;
  }

  /** {@code quamtx-edge-<key id>}. */
  @Override
  public String name() {
    return name;
  }
}
