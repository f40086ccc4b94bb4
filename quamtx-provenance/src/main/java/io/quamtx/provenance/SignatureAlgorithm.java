package io.quamtx.provenance;

import java.util.Locale;

/**
 * The signature algorithms a log key may use. The label is what keyset entries carry in {@code
 * "alg"}; the note type is the C2SP signed-note signature type byte of checkpoints (docs/FORMAT.md,
 * sections Keys and Checkpoints).
 */
public enum SignatureAlgorithm {
  /** RFC 8032 Ed25519; 32-byte raw public key, 64-byte signature. */
  ED25519("ed25519", 0x01, "quamtx-edge-"),
  /**
   * ECDSA over NIST P-256 with SHA-256 (FIPS 186-5); the public key is its DER
   * SubjectPublicKeyInfo, the signature an ASN.1 DER {@code SEQUENCE {r INTEGER, s INTEGER}}, 8 to
   * 72 bytes.
   */
  ECDSA_P256("ecdsa-p256", 0x02, "quamtx-hsm-");

  private final String label;
  private final int noteType;
  private final String namePrefix;

  SignatureAlgorithm(String label, int noteType, String namePrefix) {
    this.label = label;
    this.noteType = noteType;
    this.namePrefix = namePrefix;
  }

  /** The keyset label, e.g. {@code ecdsa-p256}. */
  public String label() {
    return label;
  }

  /** The C2SP signed-note signature type byte. */
  public int noteType() {
    return noteType;
  }

  /** The prefix of the names of keys of this algorithm, followed by the 16-hex-digit key id. */
  public String namePrefix() {
    return namePrefix;
  }

  /**
   * The algorithm of a keyset label; a missing label (keysets written before version 1 named the
   * algorithm on every key) means Ed25519.
   *
   * @throws IllegalArgumentException naming an unknown label
   */
  public static SignatureAlgorithm fromLabel(Object label) {
    if (label == null) {
      return ED25519;
    }
    for (SignatureAlgorithm a : values()) {
      if (a.label.equals(String.valueOf(label).toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown key algorithm '" + label + "'");
  }
}
