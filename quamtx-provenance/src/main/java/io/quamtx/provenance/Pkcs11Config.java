package io.quamtx.provenance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a log finds a signing key held in a PKCS#11 token: a SunPKCS11 configuration file (it names
 * the token's library and its {@code slot} or {@code slotListIndex}; see the JDK's PKCS#11
 * reference guide), the alias (the key's and certificate's CKA_LABEL) under which the token holds
 * an EC P-256 key pair with a certificate, and where the user PIN comes from: an environment
 * variable or a file readable by its owner only. The PIN itself is never stored, printed or logged;
 * the log keeps this reference in {@code keys/<key name>.pkcs11} so that it can reopen the token
 * after a restart. Immutable and thread-safe.
 *
 * @param providerConfig the SunPKCS11 configuration file
 * @param alias the key's alias in the token
 * @param pinEnv the environment variable holding the PIN, or null
 * @param pinFile the file holding the PIN (one line, mode 0600), or null
 */
public record Pkcs11Config(Path providerConfig, String alias, String pinEnv, Path pinFile) {
  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException when the alias is blank, or not exactly one PIN source is set
   */
  public Pkcs11Config {
    Objects.requireNonNull(providerConfig, "providerConfig");
    if (alias == null || alias.isBlank()) {
      throw new IllegalArgumentException(
          "PKCS#11 key alias must not be blank, got '" + alias + "'");
    }
    if ((pinEnv == null) == (pinFile == null)) {
      throw new IllegalArgumentException(
          "give exactly one PIN source (environment variable or file), got env="
              + pinEnv
              + " file="
              + pinFile);
    }
  }

  /** A token whose PIN is in the environment variable {@code pinEnv}. */
  public static Pkcs11Config pinFromEnv(Path providerConfig, String alias, String pinEnv) {
    return new Pkcs11Config(providerConfig, alias, pinEnv, null);
  }

  /** A token whose PIN is the first line of {@code pinFile} (readable by its owner only). */
  public static Pkcs11Config pinFromFile(Path providerConfig, String alias, Path pinFile) {
    return new Pkcs11Config(providerConfig, alias, null, pinFile);
  }

  /** The reference as stored in {@code keys/<name>.pkcs11} (no PIN). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider_config", providerConfig.toAbsolutePath().toString());
    m.put("alias", alias);
    m.put("pin_env", pinEnv);
    m.put("pin_file", pinFile == null ? null : pinFile.toAbsolutePath().toString());
    return m;
  }

  /**
   * The reference read back from {@link #toJson()}.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong type
   */
  public static Pkcs11Config fromJson(Map<String, Object> m) {
    try {
      Object file = m.get("pin_file");
      return new Pkcs11Config(
          Path.of((String) m.get("provider_config")),
          (String) m.get("alias"),
          (String) m.get("pin_env"),
          file == null ? null : Path.of((String) file));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("malformed PKCS#11 key reference " + m.keySet(), e);
    }
  }
}
