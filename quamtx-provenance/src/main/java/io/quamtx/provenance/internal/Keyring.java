package io.quamtx.provenance.internal;

import io.quamtx.provenance.Pkcs11Config;
import io.quamtx.provenance.ProvenanceException;
import io.quamtx.provenance.SignatureAlgorithm;
import io.quamtx.provenance.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The log's signing keys on disk: {@code keys/<name>.key} holds a 32-byte Ed25519 private key (mode
 * 0600, written through a temporary file created 0600), {@code keys/<name>.pkcs11} the reference to
 * an ECDSA P-256 key held in a PKCS#11 token ({@link Pkcs11Config}, no PIN), {@code
 * keys/keyset.json} the public keyset (JCS) with each key's algorithm and validity window. The
 * active key is the last one whose window is open. A private key or PIN file that others can read
 * is refused. Not thread-safe; the log guards it.
 */
public final class Keyring {
  /** File name of the public keyset. */
  public static final String KEYSET = "keyset.json";

  /** Suffix of the file that points at a key held in a PKCS#11 token. */
  public static final String TOKEN_SUFFIX = ".pkcs11";

  private final Path dir;
  private List<Map<String, Object>> keys;
  private Signer active;
  private String activeName;

  private Keyring(Path dir, List<Map<String, Object>> keys, Signer active) {
    this.dir = dir;
    this.keys = keys;
    this.active = active;
    this.activeName = active == null ? null : active.name();
  }

  /** Loads the keyring in {@code dir}, creating a first key when there is none. */
  public static Keyring openOrCreate(Path dir, SecureRandom random, String now)
      throws ProvenanceException {
    try {
      Path keyset = dir.resolve(KEYSET);
      if (Files.exists(keyset)) {
        return load(dir, Json.parseObject(Files.readString(keyset, StandardCharsets.UTF_8)));
      }
      Ed25519Key key = orphanKey(dir);
      if (key == null) {
        key = Ed25519Key.generate(random);
        DurableFiles.writeAtomically(keyFile(dir, key.name()), key.seed(), true);
      }
      List<Map<String, Object>> keys = new ArrayList<>(List.of(entry(key, now)));
      DurableFiles.writeAtomically(keyset, Jcs.canonicalize(Map.of("keys", keys)), false);
      return new Keyring(dir, keys, key);
    } catch (IOException | IllegalArgumentException e) {
      throw new ProvenanceException("cannot open the keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A key file left by a run that stopped before writing the keyset. */
  private static Ed25519Key orphanKey(Path dir) throws IOException, ProvenanceException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".key")).toList();
      return files.size() == 1 ? readKey(files.get(0)) : null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Keyring load(Path dir, Map<String, Object> keyset)
      throws IOException, ProvenanceException {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Object o : (List<Object>) keyset.get("keys")) {
      keys.add((Map<String, Object>) o);
    }
    Map<String, Object> open = null;
    for (Map<String, Object> k : keys) {
      if (k.get("valid_to") == null) {
        open = k;
      }
    }
    if (open == null) {
      throw new ProvenanceException("keyset in " + dir + " has no key with an open window");
    }
    return new Keyring(dir, keys, openSigner(dir, open));
  }

  /**
   * The signer of a keyset entry: its key file or token reference, checked against the announced
   * public key.
   */
  private static Signer openSigner(Path dir, Map<String, Object> entry)
      throws IOException, ProvenanceException {
    String name = (String) entry.get("name");
    boolean token = SignatureAlgorithm.fromLabel(entry.get("alg")) == SignatureAlgorithm.ECDSA_P256;
    Path file = token ? dir.resolve(name + TOKEN_SUFFIX) : keyFile(dir, name);
    if (!Files.exists(file)) {
      throw new ProvenanceException(
          "the private key of this log's signing key "
              + name
              + " is missing: "
              + file
              + " does not exist; restore it from backup (refusing to sign with a new key)");
    }
    Signer signer = token ? openToken(file) : readKey(file);
    byte[] announced = Base64.getDecoder().decode((String) entry.get("public_key"));
    if (!java.util.Arrays.equals(announced, signer.publicKey()) || !signer.name().equals(name)) {
      throw new ProvenanceException(
          "private key " + file + " does not match the public key the log announced for " + name);
    }
    return signer;
  }

  private static Signer openToken(Path file) throws IOException, ProvenanceException {
    checkOwnerOnly(file);
    return Pkcs11Signer.open(
        Pkcs11Config.fromJson(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8))));
  }

  /**
   * Refuses a secret file (key, token reference, PIN) that group or others may read.
   *
   * @throws ProvenanceException naming the file and its permissions
   */
  public static void checkOwnerOnly(Path file) throws IOException, ProvenanceException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream()
          .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new ProvenanceException(
            "secret file " + file + " is readable beyond its owner (" + perms + "); chmod 600 it");
      }
    }
  }

  private static Ed25519Key readKey(Path file) throws IOException, ProvenanceException {
    checkOwnerOnly(file);
    byte[] seed = Files.readAllBytes(file);
    try {
      return Ed25519Key.fromSeed(seed);
    } finally {
      java.util.Arrays.fill(seed, (byte) 0);
    }
  }

  private static Path keyFile(Path dir, String name) {
    return dir.resolve(name + ".key");
  }

  private static Map<String, Object> entry(Signer key, String validFrom) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", key.name());
    m.put("key_id", key.name().substring(key.algorithm().namePrefix().length()));
    m.put("alg", key.algorithm().label());
    m.put("public_key", Base64.getEncoder().encodeToString(key.publicKey()));
    m.put("valid_from", validFrom);
    m.put("valid_to", null);
    return m;
  }

  /**
   * The keyring of an existing log. The keys the log itself records (genesis keyset plus rotations,
   * hash-chained and checked when the log opens) are the truth: {@code keyset.json} is rewritten
   * from them when it is missing or differs, so a lost keyset comes back with its original validity
   * windows. The private key of the open window must be there and match the public key the log
   * announced; a missing one refuses, since a new key would sign records that no verifier could
   * link to the old ones.
   *
   * @throws ProvenanceException naming the missing or mismatched key file
   */
  public static Keyring forLog(Path dir, List<Map<String, Object>> fromLog)
      throws ProvenanceException {
    Map<String, Object> open = openKey(fromLog);
    try {
      Keyring k = new Keyring(dir, new ArrayList<>(fromLog), openSigner(dir, open));
      k.writeKeyset();
      return k;
    } catch (IOException | IllegalArgumentException e) {
      throw new ProvenanceException("cannot load key " + open.get("name") + ": " + e, e);
    }
  }

  /**
   * A keyring that holds only the public keys the log announced, for verifying: {@link #active()}
   * is null and nothing is written.
   */
  public static Keyring publicOnly(Path dir, List<Map<String, Object>> fromLog)
      throws ProvenanceException {
    Keyring k = new Keyring(dir, new ArrayList<>(fromLog), null);
    k.activeName = (String) openKey(fromLog).get("name");
    return k;
  }

  private static Map<String, Object> openKey(List<Map<String, Object>> keys)
      throws ProvenanceException {
    Map<String, Object> open = null;
    for (Map<String, Object> k : keys) {
      if (k.get("valid_to") == null) {
        open = k;
      }
    }
    if (open == null) {
      throw new ProvenanceException("the log's keyset has no key with an open window");
    }
    return open;
  }

  /** True when {@code dir} holds any private key or keyset file. */
  public static boolean holdsKeys(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(
          p ->
              p.toString().endsWith(".key")
                  || p.toString().endsWith(TOKEN_SUFFIX)
                  || p.getFileName().toString().equals(KEYSET));
    }
  }

  /**
   * Creates a new key file (0600) for a rotation; the caller logs the rotation, then calls {@link
   * #activate}.
   */
  public Ed25519Key createKey(SecureRandom random) throws IOException {
    Ed25519Key key = Ed25519Key.generate(random);
    DurableFiles.writeAtomically(keyFile(dir, key.name()), key.seed(), true);
    return key;
  }

  /**
   * Opens a key held in a PKCS#11 token for a rotation and stores its reference (0600, no PIN); the
   * caller logs the rotation, then calls {@link #activate}.
   *
   * @throws ProvenanceException when the token cannot be opened or the key is already in the keyset
   */
  public Signer addTokenKey(Pkcs11Config config) throws IOException, ProvenanceException {
    Pkcs11Signer signer = Pkcs11Signer.open(config);
    if (publicKey(signer.name()) != null) {
      throw new ProvenanceException(
          "key "
              + signer.name()
              + " (alias "
              + config.alias()
              + ") is already in the keyset;"
              + " a log never reuses a key");
    }
    byte[] ref = Jcs.canonicalize(config.toJson());
    DurableFiles.writeAtomically(dir.resolve(signer.name() + TOKEN_SUFFIX), ref, true);
    return signer;
  }

  /** Closes the active key's window at {@code now} and opens {@code next}'s. */
  public void activate(Signer next, String now) throws IOException {
    List<Map<String, Object>> updated = new ArrayList<>();
    for (Map<String, Object> k : keys) {
      Map<String, Object> copy = new LinkedHashMap<>(k);
      if (copy.get("valid_to") == null) {
        copy.put("valid_to", now);
      }
      updated.add(copy);
    }
    updated.add(entry(next, now));
    keys = updated;
    active = next;
    activeName = next.name();
    writeKeyset();
  }

  /** The keyset entry of a key, as rotation records carry it. */
  public static Map<String, Object> entryOf(Signer key, String validFrom) {
    return entry(key, validFrom);
  }

  private void writeKeyset() throws IOException {
    byte[] want = Jcs.canonicalize(Map.of("keys", keys));
    Path file = dir.resolve(KEYSET);
    if (!Files.exists(file) || !java.util.Arrays.equals(want, Files.readAllBytes(file))) {
      DurableFiles.writeAtomically(file, want, false);
    }
  }

  /** The active signing key, or null in a {@link #publicOnly} keyring. */
  public Signer active() {
    return active;
  }

  /** The name of the key whose window is open. */
  public String activeName() {
    return activeName;
  }

  /** The public key of a key name, or null when the keyset does not know it. */
  public byte[] publicKey(String name) {
    for (Map<String, Object> k : keys) {
      if (name.equals(k.get("name"))) {
        return Base64.getDecoder().decode((String) k.get("public_key"));
      }
    }
    return null;
  }

  /** The keyset entry of a key name, or null when the keyset does not know it. */
  public Map<String, Object> entry(String name) {
    return Signatures.entry(keys, name);
  }

  /**
   * Records in the keyset that a key was declared compromised (see {@link
   * ChainState#markCompromised}) and rewrites {@code keyset.json}.
   */
  public void markCompromised(String name, Map<String, Object> declaration) throws IOException {
    List<Map<String, Object>> updated = new ArrayList<>();
    for (Map<String, Object> k : keys) {
      Map<String, Object> copy = new LinkedHashMap<>(k);
      if (name.equals(copy.get("name"))) {
        copy.put("compromised", declaration);
      }
      updated.add(copy);
    }
    keys = updated;
    writeKeyset();
  }

  /** The public keyset as JSON-ready values. */
  public Map<String, Object> keysetJson() {
    return Map.of("keys", List.copyOf(keys));
  }

  /** The directory holding the keys. */
  public Path dir() {
    return dir;
  }
}
