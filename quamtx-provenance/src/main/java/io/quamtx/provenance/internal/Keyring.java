package io.quamtx.provenance.internal;

import io.quamtx.provenance.ProvenanceException;
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
 * 0600, written through a temporary file created 0600), {@code keys/keyset.json} the public keyset
 * (JCS) with each key's validity window. The active key is the last one whose window is open. A
 * private key file that others can read is refused. Not thread-safe; the log guards it.
 */
public final class Keyring {
  /** File name of the public keyset. */
  public static final String KEYSET = "keyset.json";

  private final Path dir;
  private List<Map<String, Object>> keys;
  private Ed25519Key active;
  private String activeName;

  private Keyring(Path dir, List<Map<String, Object>> keys, Ed25519Key active) {
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
    Ed25519Key key = readKey(keyFile(dir, (String) open.get("name")));
    if (!key.name().equals(open.get("name"))) {
      throw new ProvenanceException("key file of " + open.get("name") + " holds another key");
    }
    return new Keyring(dir, keys, key);
  }

  private static Ed25519Key readKey(Path file) throws IOException, ProvenanceException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream()
          .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new ProvenanceException(
            "private key " + file + " is readable beyond its owner (" + perms + "); chmod 600 it");
      }
    }
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

  private static Map<String, Object> entry(Ed25519Key key, String validFrom) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", key.name());
    m.put("key_id", key.keyId());
    m.put("alg", "ed25519");
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
    String name = (String) open.get("name");
    Path file = keyFile(dir, name);
    if (!Files.exists(file)) {
      throw new ProvenanceException(
          "the private key of this log's signing key "
              + name
              + " is missing: "
              + file
              + " does not exist; restore it from backup (refusing to sign with a new key)");
    }
    try {
      Ed25519Key key = readKey(file);
      byte[] announced = Base64.getDecoder().decode((String) open.get("public_key"));
      if (!java.util.Arrays.equals(announced, key.publicKey())) {
        throw new ProvenanceException(
            "private key " + file + " does not match the public key the log announced for " + name);
      }
      Keyring k = new Keyring(dir, new ArrayList<>(fromLog), key);
      k.writeKeyset();
      return k;
    } catch (IOException e) {
      throw new ProvenanceException("cannot load key " + file + ": " + e, e);
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
          p -> p.toString().endsWith(".key") || p.getFileName().toString().equals(KEYSET));
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

  /** Closes the active key's window at {@code now} and opens {@code next}'s. */
  public void activate(Ed25519Key next, String now) throws IOException {
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
  public static Map<String, Object> entryOf(Ed25519Key key, String validFrom) {
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
  public Ed25519Key active() {
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

  /** The public keyset as JSON-ready values. */
  public Map<String, Object> keysetJson() {
    return Map.of("keys", List.copyOf(keys));
  }

  /** The directory holding the keys. */
  public Path dir() {
    return dir;
  }
}
