package io.quamtx.provenance.internal;

import io.quamtx.provenance.Pkcs11Config;
import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.SignatureAlgorithm;
import io.quamtx.provenance.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Arrays;

/**
 * An ECDSA P-256 key that stays inside a PKCS#11 token, signing through the JDK's SunPKCS11
 * provider with {@code SHA256withECDSA} (the token hashes and signs; the JDK returns DER). The
 * public key comes from the certificate the token holds under the same alias, and must be a P-256
 * key. Thread-safe: signing is serialized, since one token session does one operation at a time;
 * {@link #sign} blocks while the token works.
 */
public final class Pkcs11Signer implements Signer {
  private final PrivateKey privateKey;
  private final Provider provider;
  private final byte[] publicKey;
  private final String name;

  private Pkcs11Signer(PrivateKey privateKey, Provider provider, byte[] publicKey) {
    this.privateKey = privateKey;
    this.provider = provider;
    this.publicKey = publicKey;
    this.name = SignatureAlgorithm.ECDSA_P256.namePrefix() + Ed25519Key.keyIdOf(publicKey);
  }

  /**
   * Logs in to the token and finds the key.
   *
   * @throws ProvenanceException naming the configuration file or alias when the JDK has no
   *     SunPKCS11, the token refuses the PIN, the alias holds no P-256 key with a certificate, or
   *     the PIN source is missing or readable by others
   */
  public static Pkcs11Signer open(Pkcs11Config config) throws ProvenanceException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new ProvenanceException(
          "this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
    }
    char[] pin = Pins.read(config);
    try {
      Provider p = base.configure(config.providerConfig().toAbsolutePath().toString());
      KeyStore ks = KeyStore.getInstance("PKCS11", p);
      ks.load(null, pin);
      return fromKeyStore(ks, p, config);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new ProvenanceException(
          "cannot open PKCS#11 key '"
              + config.alias()
              + "' with "
              + config.providerConfig()
              + ": "
              + e.getMessage(),
          e);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static Pkcs11Signer fromKeyStore(KeyStore ks, Provider p, Pkcs11Config config)
      throws GeneralSecurityException, ProvenanceException {
    Key key = ks.getKey(config.alias(), null);
    Certificate cert = ks.getCertificate(config.alias());
    if (!(key instanceof PrivateKey pk) || cert == null) {
      throw new ProvenanceException(
          "PKCS#11 token of "
              + config.providerConfig()
              + " holds no key pair with a certificate"
              + " under alias '"
              + config.alias()
              + "'");
    }
    byte[] spki = cert.getPublicKey().getEncoded();
    if (EcdsaP256.parsePublicKey(spki) == null) {
      throw new ProvenanceException(
          "PKCS#11 key '"
              + config.alias()
              + "' is not an EC P-256 key ("
              + cert.getPublicKey().getAlgorithm()
              + ")");
    }
    return new Pkcs11Signer(pk, p, spki);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public synchronized byte[] sign(byte[] message) throws ProvenanceException {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA", provider);
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new ProvenanceException("PKCS#11 key " + name + " failed to sign: " + e, e);
    }
  }

  /** Reading the PIN from its source, never echoing it. */
  static final class Pins {
    private Pins() {}

    static char[] read(Pkcs11Config config) throws ProvenanceException {
      if (config.pinEnv() != null) {
        String v = System.getenv(config.pinEnv());
        if (v == null || v.isEmpty()) {
          throw new ProvenanceException(
              "the PKCS#11 PIN variable " + config.pinEnv() + " is not set");
        }
        return v.toCharArray();
      }
      return fromFile(config.pinFile());
    }

    private static char[] fromFile(Path file) throws ProvenanceException {
      try {
        Keyring.checkOwnerOnly(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
      } catch (IOException e) {
        throw new ProvenanceException("cannot read the PKCS#11 PIN file " + file + ": " + e, e);
      }
    }
  }
}
