package io.quamtx.provenance;

/**
 * A key that signs the log's records, checkpoints and audit manifests. quamtx ships two: an Ed25519
 * key in a private file ({@code keys/<name>.key}, mode 0600) and an ECDSA P-256 key that never
 * leaves a PKCS#11 token, reached through the JDK's SunPKCS11 provider ({@link Pkcs11Config}).
 *
 * <p>Contract for implementations: thread-safe ({@link #sign} may be called from several threads;
 * an implementation whose device allows one operation at a time serializes them itself). {@link
 * #sign} may block on the device for as long as it takes to answer, and must not log the message,
 * the signature or any secret. The name, algorithm and public key never change.
 */
public interface Signer {
  /**
   * The key name: {@link SignatureAlgorithm#namePrefix()} followed by the key id, the hex of the
   * first 8 bytes of SHA-256("quamtx-key" || 0x0A || {@link #publicKey()}).
   */
  String name();

  /** The signature algorithm. */
  SignatureAlgorithm algorithm();

  /**
   * The public key in the keyset's encoding: 32 raw bytes for Ed25519, the DER SubjectPublicKeyInfo
   * for ECDSA P-256. A fresh copy.
   */
  byte[] publicKey();

  /**
   * Signs a message: Ed25519 over the message, or ECDSA P-256 over its SHA-256 with a DER
   * signature.
   *
   * @throws ProvenanceException when the device fails or refuses (a token removed, a session
   *     closed); the caller must then not write the record it meant to sign
   */
  byte[] sign(byte[] message) throws ProvenanceException;
}
