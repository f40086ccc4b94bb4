package io.quamtx.examples;

import io.quamtx.jca.QuamtxProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Security;
import java.util.HexFormat;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Generates an AES-256 key and an Ed25519 key pair with {@code SecureRandom.getInstance("QUAMTX")},
 * the hardware-seeded SP 800-90A generator, after installing the provider in code.
 *
 * <p>Run: {@code java -cp ... io.quamtx.examples.KeyGeneration}. Only the public key is printed.
 */
public final class KeyGeneration {
  private KeyGeneration() {}

  /** The generated keys. */
  public record Keys(SecretKey aes, KeyPair ed25519, String randomProvider) {}

  public static void main(String[] args) throws Exception {
    Keys keys = generate();
    System.out.println("random from: " + keys.randomProvider());
    System.out.println("AES key bits: " + keys.aes().getEncoded().length * 8);
    System.out.println(
        "Ed25519 public key: " + HexFormat.of().formatHex(keys.ed25519().getPublic().getEncoded()));
  }

  /** Installs the provider if needed and generates both keys from it. */
  public static Keys generate() throws Exception {
    if (Security.getProvider("QUAMTX") == null) {
      Security.addProvider(new QuamtxProvider());
    }
    SecureRandom random = SecureRandom.getInstance("QUAMTX");

    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256, random);
    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    ed.initialize(255, random);
    return new Keys(aes.generateKey(), ed.generateKeyPair(), random.getProvider().getName());
  }
}
