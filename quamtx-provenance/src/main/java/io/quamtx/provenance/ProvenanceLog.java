package io.quamtx.provenance;

import io.quamtx.core.SourceClass;
import io.quamtx.provenance.internal.Checkpoint;
import io.quamtx.provenance.internal.Crockford32;
import io.quamtx.provenance.internal.DurableFiles;
import io.quamtx.provenance.internal.Ed25519Key;
import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Keyring;
import io.quamtx.provenance.internal.LongArray;
import io.quamtx.provenance.internal.MerkleProofs;
import io.quamtx.provenance.internal.MerkleTree;
import io.quamtx.provenance.internal.Records;
import io.quamtx.provenance.internal.SegmentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provenance log: one durable, hash-chained, signed record per draw or reseed, with Merkle
 * inclusion proofs and C2SP checkpoints an auditor can check offline.
 *
 * <p>Layout under the home directory: {@code log/} holds the lock file, the segment files and the
 * latest checkpoint; {@code keys/} (mode 0700) holds the Ed25519 private key (0600) and the public
 * keyset. The byte formats are in {@code docs/FORMAT.md}.
 *
 * <p>Every record's {@code chain_hash} is SHA-256(0x00 || JCS(record)), which is also its RFC 9162
 * leaf hash; the record holds the previous record's chain hash, so the same hash serves the linear
 * chain and the tree. Record 0 is the genesis record, and the log id is derived from its hash.
 *
 * <p>Thread-safety: all methods are safe to call from any thread; appends are serialized. Blocking:
 * {@link #append} blocks until its record is on disk (fsync). One process at a time: the log takes
 * an exclusive file lock, and a second opener gets {@link LogLockedException}.
 */
public final class ProvenanceLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProvenanceLog.class);
  private static final long SEGMENT_BYTES = 64L << 20;
  private static final String LOG_ID_PREFIX = "qmx1:";
  private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path home;
  private final Path logDir;
  private final FileChannel lockChannel;
  private final Keyring keys;
  private final SegmentStore store;
  private final SecureRandom random;
  private final MerkleTree tree = new MerkleTree();
  private final LongArray locators = new LongArray();
  private String logId;
  private byte[] logIdBytes;
  private byte[] head;
  private boolean writable = true;
  private boolean closed;
  private String lastCheckpoint;
  private long lastCheckpointSize = -1;

  private ProvenanceLog(
      Path home, FileChannel lockChannel, Keyring keys, SegmentStore store, SecureRandom random) {
    this.home = home;
    this.logDir = home.resolve("log");
    this.lockChannel = lockChannel;
    this.keys = keys;
    this.store = store;
    this.random = random;
  }

  /**
   * Opens the log under {@code home}, creating it on first use: directories, the Ed25519 key (mode
   * 0600) and the genesis record. A torn tail left by a crash is cut back to the last whole record
   * (the cut bytes are kept in a {@code cut-*} file beside the segment) and a {@code recovery}
   * record says so.
   *
   * @throws LogLockedException when another process has the log open
   * @throws LogCorruptException when a sealed segment, or the middle of the last one, is damaged
   * @throws ProvenanceException when home cannot be created or written; anything this call created
   *     is removed again
   */
  public static ProvenanceLog open(Path home) throws ProvenanceException {
    Path abs = home.toAbsolutePath().normalize();
    List<Path> created = new ArrayList<>();
    FileChannel lock = null;
    SegmentStore store = null;
    try {
      createLayout(abs, created);
      lock = lock(abs.resolve("log"));
      SecureRandom random = new SecureRandom();
      Keyring keys = Keyring.openOrCreate(abs.resolve("keys"), random, now());
      store = SegmentStore.open(abs.resolve("log"), SEGMENT_BYTES);
      ProvenanceLog log = new ProvenanceLog(abs, lock, keys, store, random);
      log.load();
      return log;
    } catch (ProvenanceException | IOException | RuntimeException e) {
      closeQuietly(store);
      if (lock != null) {
        closeQuietly(lock);
        LOCKED_IN_THIS_JVM.remove(abs.resolve("log").resolve("LOCK"));
      }
      removeCreated(created);
      if (e instanceof ProvenanceException) {
        throw (ProvenanceException) e;
      }
      throw new ProvenanceException("cannot open provenance log in " + abs + ": " + e, e);
    }
  }

  private static void createLayout(Path home, List<Path> created) throws ProvenanceException {
    try {
      if (Files.exists(home) && !Files.isDirectory(home)) {
        throw new ProvenanceException("provenance home " + home + " exists and is not a directory");
      }
      if (!Files.exists(home)) {
        Path top = home;
        while (top.getParent() != null && !Files.exists(top.getParent())) {
          top = top.getParent();
        }
        created.add(top);
        Files.createDirectories(home);
        DurableFiles.syncDirectory(top.getParent());
      }
      if (DurableFiles.createDirectory(home.resolve("log"), false)) {
        created.add(home.resolve("log"));
      }
      if (DurableFiles.createDirectory(home.resolve("keys"), true)) {
        created.add(home.resolve("keys"));
      }
    } catch (IOException e) {
      throw new ProvenanceException(
          "cannot create the provenance log in " + home + " (" + e + "); is it writable?", e);
    }
  }

  private static FileChannel lock(Path logDir) throws ProvenanceException, IOException {
    Path lockFile = logDir.resolve("LOCK");
    // Closing any descriptor of a file drops this process's POSIX locks on it, so a second open in
    // the same JVM must be refused before it opens the lock file at all.
    if (!LOCKED_IN_THIS_JVM.add(lockFile)) {
      throw new LogLockedException(
          "provenance log " + logDir + " is already open in this process", lockFile);
    }
    try {
      return lockExclusive(logDir, lockFile);
    } catch (ProvenanceException | IOException | RuntimeException e) {
      LOCKED_IN_THIS_JVM.remove(lockFile);
      throw e;
    }
  }

  private static FileChannel lockExclusive(Path logDir, Path lockFile)
      throws ProvenanceException, IOException {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ);
    } catch (IOException e) {
      throw new ProvenanceException("cannot create lock file " + lockFile + ": " + e, e);
    }
    FileLock held;
    try {
      held = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      String owner = readOwner(ch);
      ch.close();
      throw new LogLockedException(
          "provenance log " + logDir + " is in use by another process" + owner, lockFile);
    }
    ch.truncate(0);
    ch.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    return ch;
  }

  private static String readOwner(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      ch.read(b, 0);
      String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
      return pid.isEmpty() ? "" : " (pid " + pid + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private void load() throws ProvenanceException, IOException {
    SegmentStore.TailDamage damage = store.scan(this::accept);
    if (damage != null) {
      recover(damage);
    }
    if (tree.size() == 0) {
      appendGenesis();
    } else if (damage != null) {
      appendRecovery(damage);
    }
  }

  /** Scan check: the payload is a whole entry that continues the chain. */
  private boolean accept(long locator, byte[] payload) {
    try {
      Map<String, Object> entry = Records.parseEntry(payload);
      @SuppressWarnings("unchecked")
      Map<String, Object> record = (Map<String, Object>) entry.get("record");
      byte[] h = Records.chainHash(record);
      if (!Hashes.text(h).equals(entry.get("chain_hash")) || !continuesChain(record)) {
        return false;
      }
      if (tree.size() == 0) {
        setLogId(h);
      }
      link(h, locator);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean continuesChain(Map<String, Object> record) {
    long seq = tree.size();
    String prev = seq == 0 ? Records.ZERO_HASH : Hashes.text(head);
    boolean typeOk = (seq == 0) == "genesis".equals(record.get("type"));
    boolean logOk = seq == 0 || logId.equals(record.get("log_id"));
    return typeOk
        && logOk
        && Long.valueOf(seq).equals(record.get("seq"))
        && prev.equals(record.get("previous_hash"));
  }

  private void setLogId(byte[] genesisHash) {
    logIdBytes = Arrays.copyOf(genesisHash, 20);
    logId = LOG_ID_PREFIX + Crockford32.encode(logIdBytes);
  }

  private void link(byte[] chainHash, long locator) {
    tree.append(chainHash);
    locators.add(locator);
    head = chainHash;
  }

  private void recover(SegmentStore.TailDamage d) throws IOException {
    Path copy = store.cutTail(d.offset());
    LOG.warn(
        "provenance log {}: cut {} damaged bytes at the tail ({}), kept in {}",
        logDir,
        d.bytesAfter(),
        d.reason(),
        copy);
  }

  private void appendGenesis() throws ProvenanceException {
    Ed25519Key key = keys.active();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("v", Records.VERSION);
    r.put("type", "genesis");
    r.put("seq", 0L);
    r.put("timestamp", now());
    r.put("log_name", "quamtx");
    r.put("hash", "sha256");
    r.put("canonicalization", "jcs-rfc8785");
    r.put("chain_hash_rule", "sha256(0x00 || jcs(record))");
    r.put("keyset", keys.keysetJson());
    r.put("nonce", Hashes.hex(randomBytes(16)));
    r.put("previous_hash", Records.ZERO_HASH);
    r.put("signed_by", key.name());
    byte[] h = Records.chainHash(r);
    setLogId(h);
    commit(r);
  }

  private void appendRecovery(SegmentStore.TailDamage d) throws ProvenanceException {
    Map<String, Object> r = header("recovery", tree.size());
    r.put("cut_bytes", d.bytesAfter());
    r.put("cut_offset", d.offset());
    r.put("cut_segment", store.segmentPath(d.segment()).getFileName().toString());
    r.put("cut_reason", d.reason());
    r.put("last_good_seq", tree.size() - 1);
    commit(footer(r));
  }

  /**
   * Appends one record for a draw or reseed and returns once it is durable (written and fsynced).
   *
   * @throws ProvenanceException when the write or sync fails; the log then refuses further appends
   *     (fail closed) until reopened, and the draw's bytes must not be used
   */
  public synchronized Receipt append(DrawEvent event) throws ProvenanceException {
    ensureWritable();
    long seq = tree.size();
    byte[] nonce = event.output() == null ? null : randomBytes(32);
    Map<String, Object> r = header(event.type(), seq);
    SourceClass cls = event.sourceClassEnum();
    r.put("source_class", cls.label());
    r.put("source_id", event.sourceId());
    r.put("health", event.health());
    r.put("bytes", (long) event.bytes());
    r.put("min_entropy_per_byte", event.minEntropyPerByte());
    r.put("min_entropy_basis", event.minEntropyBasis());
    r.put("billing", billing(cls, event.bytes()));
    r.put(
        "output_commitment",
        nonce == null ? null : Hashes.text(Records.commitment(logId, seq, nonce, event.output())));
    Map<String, Object> entry = commit(footer(r));
    return new Receipt(
        (String) r.get("provenance_id"),
        Records.withProof(entry),
        nonce == null ? null : Hashes.hex(nonce));
  }

  private static Map<String, Object> billing(SourceClass cls, int bytes) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("weight", cls.billingWeight());
    b.put("units", bytes * cls.billingWeight());
    return b;
  }

  private Map<String, Object> header(String type, long seq) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("v", Records.VERSION);
    r.put("type", type);
    r.put("log_id", logId);
    r.put("seq", seq);
    r.put("provenance_id", ProvenanceId.format(seq, logIdBytes, randomBytes(8)));
    r.put("timestamp", now());
    return r;
  }

  private Map<String, Object> footer(Map<String, Object> r) {
    r.put("previous_hash", Hashes.text(head));
    r.put("signed_by", keys.active().name());
    return r;
  }

  /** Hashes, signs, writes and syncs a record, then links it; the stored entry as values. */
  private Map<String, Object> commit(Map<String, Object> record) throws ProvenanceException {
    byte[] h = Records.chainHash(record);
    byte[] sig = keys.active().sign(Records.signedBytes(h));
    byte[] payload = Records.entry(record, h, sig);
    long seq = (Long) record.get("seq");
    try {
      long locator = store.append(seq, payload);
      store.force();
      link(h, locator);
    } catch (IOException e) {
      writable = false;
      throw new ProvenanceException(
          "cannot write record " + seq + " to " + logDir + " (" + e + "); log is now read-only", e);
    }
    return Records.parseEntry(payload);
  }

  /**
   * Checks a record by id: its bytes against its chain hash, its link to the previous record, its
   * signature, and its inclusion in the tree of a checkpoint signed now over the whole (durable)
   * log.
   *
   * @return empty when the id is well-formed but this log holds no such record
   * @throws IllegalArgumentException when the id is malformed
   * @throws ProvenanceException when the record cannot be read
   */
  public synchronized Optional<Verification> verify(String provenanceId)
      throws ProvenanceException {
    ProvenanceId pid = ProvenanceId.parse(provenanceId);
    ensureOpen();
    long seq = pid.seq();
    if (seq <= 0
        || seq >= tree.size()
        || !Arrays.equals(pid.logPrefix(), Arrays.copyOf(logIdBytes, 4))) {
      return Optional.empty();
    }
    Map<String, Object> entry = readEntry(seq);
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) entry.get("record");
    if (!provenanceId.toLowerCase(Locale.ROOT).equals(record.get("provenance_id"))) {
      return Optional.empty();
    }
    return Optional.of(check(seq, entry, record));
  }

  private Verification check(long seq, Map<String, Object> entry, Map<String, Object> record)
      throws ProvenanceException {
    byte[] h = Records.chainHash(record);
    String checkpoint = checkpoint();
    long size = tree.size();
    List<byte[]> proof = tree.inclusionProof(seq, size);
    String reason = firstFailure(seq, entry, record, h, proof, size);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", reason == null);
    json.put("reason", reason == null ? "ok" : reason);
    json.put("record", Records.withProof(entry));
    json.put("inclusion", inclusionJson(seq, size, proof));
    json.put("checkpoint", checkpoint);
    json.put("key", keyJson((String) record.get("signed_by")));
    json.put("neighbours", neighbours(seq));
    return new Verification(reason == null, reason == null ? "ok" : reason, json);
  }

  private String firstFailure(
      long seq,
      Map<String, Object> entry,
      Map<String, Object> record,
      byte[] h,
      List<byte[]> proof,
      long size) {
    if (!Hashes.text(h).equals(entry.get("chain_hash")) || !Hashes.same(h, tree.leaf(seq))) {
      return "record bytes do not match chain hash " + entry.get("chain_hash");
    }
    if (!Hashes.text(tree.leaf(seq - 1)).equals(record.get("previous_hash"))) {
      return "previous_hash does not match record " + (seq - 1);
    }
    byte[] pk = keys.publicKey(String.valueOf(record.get("signed_by")));
    if (pk == null) {
      return "signed by a key not in the keyset: " + record.get("signed_by");
    }
    Object sig = entry.get("signature");
    if (!(sig instanceof String)
        || !Ed25519Key.verify(
            pk, Records.signedBytes(h), Base64.getDecoder().decode((String) sig))) {
      return "signature does not verify under " + record.get("signed_by");
    }
    if (!MerkleProofs.verifyInclusion(seq, size, h, proof, tree.root(size))) {
      return "inclusion proof does not lead to the checkpoint root";
    }
    return null;
  }

  private static Map<String, Object> inclusionJson(long seq, long size, List<byte[]> proof) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leaf_index", seq);
    m.put("tree_size", size);
    List<Object> hashes = new ArrayList<>();
    for (byte[] p : proof) {
      hashes.add(Base64.getEncoder().encodeToString(p));
    }
    m.put("hashes", hashes);
    return m;
  }

  private Map<String, Object> keyJson(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    byte[] pk = keys.publicKey(name);
    m.put("public_key", pk == null ? null : Base64.getEncoder().encodeToString(pk));
    return m;
  }

  private Map<String, Object> neighbours(long seq) throws ProvenanceException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("previous", neighbour(seq - 1));
    m.put("next", seq + 1 < tree.size() ? neighbour(seq + 1) : null);
    return m;
  }

  private Map<String, Object> neighbour(long seq) throws ProvenanceException {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) readEntry(seq).get("record");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("provenance_id", r.get("provenance_id"));
    m.put("type", r.get("type"));
    m.put("chain_hash", Hashes.text(tree.leaf(seq)));
    return m;
  }

  /**
   * The record at a sequence number with its chain hash and signature, as {@link Receipt#record()}
   * shows it.
   *
   * @throws IllegalArgumentException when no record has that number
   * @throws ProvenanceException when it cannot be read
   */
  public synchronized Map<String, Object> record(long seq) throws ProvenanceException {
    ensureOpen();
    if (seq < 0 || seq >= tree.size()) {
      throw new IllegalArgumentException("no record " + seq + "; the log has " + tree.size());
    }
    return Records.withProof(readEntry(seq));
  }

  private Map<String, Object> readEntry(long seq) throws ProvenanceException {
    try {
      return Records.parseEntry(store.read(locators.get(seq)));
    } catch (IOException | RuntimeException e) {
      throw new ProvenanceException("cannot read record " + seq + " from " + logDir + ": " + e, e);
    }
  }

  /**
   * Signs a checkpoint over every record written so far (all of which are durable) and stores it as
   * {@code log/checkpoint}, unless the latest checkpoint already covers them.
   *
   * @return the C2SP signed note
   */
  public synchronized String checkpoint() throws ProvenanceException {
    ensureOpen();
    long size = tree.size();
    if (size != lastCheckpointSize) {
      String body = Checkpoint.body(origin(), size, tree.root(size));
      String note = Checkpoint.sign(body, keys.active());
      if (writable) {
        writeCheckpoint(note);
      }
      lastCheckpoint = note;
      lastCheckpointSize = size;
    }
    return lastCheckpoint;
  }

  private void writeCheckpoint(String note) throws ProvenanceException {
    try {
      DurableFiles.writeAtomically(
          logDir.resolve("checkpoint"), note.getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new ProvenanceException("cannot write checkpoint in " + logDir + ": " + e, e);
    }
  }

  /** The checkpoint origin line: {@code quamtx/<log id>}. */
  public String origin() {
    return "quamtx/" + logId;
  }

  /** A snapshot of the log's state. Never blocks on I/O. */
  public synchronized LogStatus status() {
    return new LogStatus(
        tree.size(),
        Hashes.text(head),
        writable && !closed,
        keys.active().name(),
        lastCheckpoint,
        logId);
  }

  /** The home directory. */
  public Path home() {
    return home;
  }

  /** Releases the lock and closes the files. Idempotent; never throws. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(store);
    closeQuietly(lockChannel);
    LOCKED_IN_THIS_JVM.remove(logDir.resolve("LOCK"));
  }

  private void ensureOpen() throws ProvenanceException {
    if (closed) {
      throw new ProvenanceException("provenance log " + logDir + " is closed");
    }
  }

  private void ensureWritable() throws ProvenanceException {
    ensureOpen();
    if (!writable) {
      throw new ProvenanceException(
          "provenance log " + logDir + " refuses appends after a failed write; reopen it");
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String now() {
    return Records.timestamp(Instant.now());
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed", e);
    }
  }

  private static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try (Stream<Path> walk = Files.walk(created.get(i))) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        LOG.debug("cannot remove {}", created.get(i), e);
      }
    }
  }
}
