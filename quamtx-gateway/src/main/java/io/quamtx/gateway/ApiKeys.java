package io.quamtx.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quamtx.gateway.internal.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's API keys and access requests, in one JSON file that holds only SHA-256 hashes of
 * the keys.
 *
 * <p>A key reads {@code qmx_<id>_<secret>}: the 16-hex-digit id finds the entry, and the SHA-256 of
 * the whole key is compared with the stored hash in constant time. The secret carries 256 bits from
 * {@link SecureRandom}, so an unsalted hash is enough. A key is shown once, when it is created.
 *
 * <p>Every change locks a sibling {@code .lock} file, re-reads the file, and replaces it atomically
 * with mode 0600, so the {@code quamtx keys} command and a running server can share it; a running
 * server re-reads the file at most once a second when it changed, which is how a revocation reaches
 * it. Thread-safe; changes block on the file lock and on fsync.
 */
public final class ApiKeys {
  private static final Pattern KEY_FORMAT = Pattern.compile("qmx_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
  private static final Pattern ID_FORMAT = Pattern.compile("(req_)?[0-9a-f]{16}");
  private static final long RELOAD_NANOS = 1_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  // The hash of a public key id, computed per draw before; ids are not secret, so a plain map.
  private static final int REQUESTERS_CACHED = 4096;
  private static final Map<String, String> REQUESTERS = new ConcurrentHashMap<>();

  private final Path file;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final byte[] dummyHash;
  private volatile Snapshot snapshot;
  private volatile long checkedAt;

  private ApiKeys(Path file, Clock clock) throws IOException {
    this.file = file.toAbsolutePath();
    this.clock = clock;
    this.dummyHash = sha256(new byte[32]);
    this.snapshot = Snapshot.read(this.file);
    this.checkedAt = System.nanoTime();
  }

  /**
   * Opens the key file, which need not exist yet; its folder is created with mode 0700.
   *
   * @throws IOException when the file cannot be read or is not a key file
   */
  public static ApiKeys open(Path file) throws IOException {
    return open(file, Clock.systemUTC());
  }

  static ApiKeys open(Path file, Clock clock) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return new ApiKeys(file, clock);
  }

  /** The file this store lives in. */
  public Path file() {
    return file;
  }

  /**
   * Creates an active key.
   *
   * @return the key, whose {@link IssuedKey#secret()} is shown once and never stored
   * @throws IOException when the file cannot be written
   */
  public IssuedKey create(String name, Tier tier) throws IOException {
    checkText("name", name, 200);
    String id = HexFormat.of().formatHex(randomBytes(8));
    String secret = "qmx_" + id + "_" + base64Url(randomBytes(32));
    ApiKey key = new ApiKey(id, name, tier, clock.instant(), Optional.empty());
    byte[] hash = sha256(secret.getBytes(StandardCharsets.US_ASCII));
    change(s -> s.withKey(new Entry(key, hash)));
    return new IssuedKey(key, secret);
  }

  /**
   * Records a request for access, to be approved by an operator.
   *
   * @throws IllegalArgumentException naming the field that is empty or too long
   * @throws IOException when the file cannot be written
   */
  public AccessRequest requestAccess(String name, String contact, String intendedUse)
      throws IOException {
    checkText("name", name, 200);
    checkText("contact", contact, 200);
    checkText("intended_use", intendedUse, 2_000);
    String id = "req_" + HexFormat.of().formatHex(randomBytes(8));
    AccessRequest request =
        new AccessRequest(id, name, contact, intendedUse, clock.instant(), Optional.empty());
    change(s -> s.withRequest(request));
    return request;
  }

  /**
   * Approves a pending request with a new key of {@code tier}.
   *
   * @throws IllegalArgumentException when no pending request has this id
   * @throws IOException when the file cannot be written
   */
  public IssuedKey approve(String requestId, Tier tier) throws IOException {
    AccessRequest request = pending(requestId);
    IssuedKey issued = create(request.name(), tier);
    change(s -> s.approved(requestId, issued.key().id()));
    return issued;
  }

  /**
   * Revokes a key for good; requests with it answer 401 from then on.
   *
   * @return the key as now stored, with its revocation time
   * @throws IllegalArgumentException when no key has this id
   * @throws IOException when the file cannot be written
   */
  public ApiKey revoke(String keyId) throws IOException {
    Instant now = clock.instant();
    change(s -> s.revoked(keyId, now));
    return snapshot.keys.get(keyId).key();
  }

  /** Every key, newest last; never the secrets. */
  public List<ApiKey> keys() {
    return snapshot.keys.values().stream().map(Entry::key).toList();
  }

  /** Every access request, newest last. */
  public List<AccessRequest> requests() {
    return List.copyOf(snapshot.requests);
  }

  /**
   * The active key {@code presented} stands for, comparing hashes in constant time.
   *
   * @return empty for a malformed, unknown, wrong or revoked key
   */
  public Optional<ApiKey> authenticate(String presented) {
    Matcher m = KEY_FORMAT.matcher(presented);
    if (!m.matches()) {
      return Optional.empty();
    }
    reloadIfChanged();
    Entry entry = snapshot.keys.get(m.group(1));
    byte[] expected = entry == null ? dummyHash : entry.hash;
    boolean same =
        MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.US_ASCII)), expected);
    return same && entry != null && entry.key.active() ? Optional.of(entry.key) : Optional.empty();
  }

  /**
   * The requester label written into provenance records: a hash of the key's id, never of its
   * secret.
   */
  public static String requester(ApiKey key) {
    String cached = REQUESTERS.get(key.id());
    if (cached != null) {
      return cached;
    }
    if (REQUESTERS.size() >= REQUESTERS_CACHED) {
      REQUESTERS.clear();
    }
    String hashed =
        "kh:sha256:"
            + HexFormat.of().formatHex(sha256(key.id().getBytes(StandardCharsets.US_ASCII)));
    REQUESTERS.put(key.id(), hashed);
    return hashed;
  }

  private AccessRequest pending(String requestId) {
    reloadIfChanged();
    return snapshot.requests.stream()
        .filter(r -> r.id().equals(requestId) && r.keyId().isEmpty())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no pending request '" + requestId + "'"));
  }

  private void reloadIfChanged() {
    long now = System.nanoTime();
    if (now - checkedAt < RELOAD_NANOS) {
      return;
    }
    checkedAt = now;
    try {
      if (!snapshot.matches(file)) {
        snapshot = Snapshot.read(file);
      }
    } catch (IOException e) {
      // Keep the keys last read and try again in a second; the file is only ever replaced whole.
      LOG.warn("the key file could not be re-read; keeping the keys read before");
    }
  }

  private synchronized void change(UnaryOperator<Snapshot> edit) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Snapshot next = edit.apply(Snapshot.read(file));
      next.write(file);
      snapshot = Snapshot.read(file);
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String base64Url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void checkText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be at most " + max + " characters, got " + value.length());
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static boolean wellFormedId(String id) {
    return ID_FORMAT.matcher(id).matches();
  }

  /**
   * A key's public facts.
   *
   * @param id the 16-hex-digit id, also the middle of the key
   * @param name who it was issued to
   * @param tier its rate tier
   * @param created when it was made
   * @param revoked when it was revoked, if it was
   */
  public record ApiKey(
      String id, String name, Tier tier, Instant created, Optional<Instant> revoked) {
    /** Whether the key may be used. */
    public boolean active() {
      return revoked.isEmpty();
    }
  }

  /**
   * A new key and its secret, which exists only in this object.
   *
   * @param key the key's public facts
   * @param secret the whole bearer token; print it once, store it nowhere
   */
  public record IssuedKey(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "IssuedKey[" + key.id() + "]";
    }
  }

  /**
   * A request for access.
   *
   * @param id {@code req_} and 16 hex digits
   * @param name who asks
   * @param contact how to reach them
   * @param intendedUse what they want the randomness for
   * @param created when it arrived
   * @param keyId the key issued on approval, empty while pending
   */
  public record AccessRequest(
      String id,
      String name,
      String contact,
      String intendedUse,
      Instant created,
      Optional<String> keyId) {
    /** {@code pending} or {@code approved}. */
    public String status() {
      return keyId.isEmpty() ? "pending" : "approved";
    }
  }

  private record Entry(ApiKey key, byte[] hash) {}

  /** One consistent reading of the file, with its time stamp and size to notice changes. */
  private static final class Snapshot {
    final Map<String, Entry> keys;
    final List<AccessRequest> requests;
    final FileTime modified;
    final long size;

    Snapshot(Map<String, Entry> keys, List<AccessRequest> requests, FileTime modified, long size) {
      this.keys = keys;
      this.requests = requests;
      this.modified = modified;
      this.size = size;
    }

    static Snapshot read(Path file) throws IOException {
      if (!Files.exists(file)) {
        return new Snapshot(Map.of(), List.of(), null, -1);
      }
      FileTime modified = Files.getLastModifiedTime(file);
      byte[] bytes = Files.readAllBytes(file);
      JsonNode root = JSON.readTree(bytes);
      Map<String, Entry> keys = new LinkedHashMap<>();
      for (JsonNode k : root.path("keys")) {
        Entry e = KeyFile.entry(k);
        keys.put(e.key.id(), e);
      }
      List<AccessRequest> requests = new ArrayList<>();
      root.path("requests").forEach(r -> requests.add(KeyFile.request(r)));
      return new Snapshot(keys, List.copyOf(requests), modified, bytes.length);
    }

    boolean matches(Path file) throws IOException {
      if (!Files.exists(file)) {
        return modified == null;
      }
      return Files.getLastModifiedTime(file).equals(modified) && Files.size(file) == size;
    }

    Snapshot withKey(Entry e) {
      Map<String, Entry> next = new LinkedHashMap<>(keys);
      next.put(e.key.id(), e);
      return new Snapshot(next, requests, modified, size);
    }

    Snapshot withRequest(AccessRequest r) {
      List<AccessRequest> next = new ArrayList<>(requests);
      next.add(r);
      return new Snapshot(keys, next, modified, size);
    }

    Snapshot approved(String requestId, String keyId) {
      List<AccessRequest> next = new ArrayList<>();
      for (AccessRequest r : requests) {
        next.add(
            r.id().equals(requestId)
                ? new AccessRequest(
                    r.id(), r.name(), r.contact(), r.intendedUse(), r.created(), Optional.of(keyId))
                : r);
      }
      return new Snapshot(keys, next, modified, size);
    }

    Snapshot revoked(String keyId, Instant when) {
      Entry e = keys.get(keyId);
      if (e == null) {
        throw new IllegalArgumentException("no key '" + keyId + "'");
      }
      ApiKey k = e.key;
      ApiKey revoked = new ApiKey(k.id(), k.name(), k.tier(), k.created(), Optional.of(when));
      return withKey(new Entry(k.revoked().isPresent() ? k : revoked, e.hash));
    }

    void write(Path file) throws IOException {
      ObjectNode root = JSON.createObjectNode();
      root.put("format", "quamtx-gateway-keys/v1");
      ArrayNode k = root.putArray("keys");
      keys.values().forEach(e -> k.add(KeyFile.node(e.key, e.hash)));
      ArrayNode r = root.putArray("requests");
      requests.forEach(req -> r.add(KeyFile.node(req)));
      PrivateFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
  }

  /** The JSON shape of the file. */
  private static final class KeyFile {
    private KeyFile() {}

    static Entry entry(JsonNode n) {
      Optional<Instant> revoked =
          n.hasNonNull("revoked")
              ? Optional.of(Instant.parse(n.get("revoked").asText()))
              : Optional.empty();
      ApiKey key =
          new ApiKey(
              n.get("id").asText(),
              n.get("name").asText(),
              Tier.fromLabel(n.get("tier").asText()),
              Instant.parse(n.get("created").asText()),
              revoked);
      return new Entry(key, HexFormat.of().parseHex(n.get("sha256").asText()));
    }

    static AccessRequest request(JsonNode n) {
      Optional<String> keyId =
          n.hasNonNull("key_id") ? Optional.of(n.get("key_id").asText()) : Optional.empty();
      return new AccessRequest(
          n.get("id").asText(),
          n.get("name").asText(),
          n.get("contact").asText(),
          n.get("intended_use").asText(),
          Instant.parse(n.get("created").asText()),
          keyId);
    }

    static ObjectNode node(ApiKey k, byte[] hash) {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", k.id()).put("name", k.name()).put("tier", k.tier().label());
      n.put("created", k.created().toString());
      n.put("revoked", k.revoked().map(Instant::toString).orElse(null));
      n.put("sha256", HexFormat.of().formatHex(hash));
      return n;
    }

    static ObjectNode node(AccessRequest r) {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", r.id()).put("name", r.name()).put("contact", r.contact());
      n.put("intended_use", r.intendedUse()).put("created", r.created().toString());
      n.put("status", r.status()).put("key_id", r.keyId().orElse(null));
      return n;
    }
  }
}
