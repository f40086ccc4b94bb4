package io.quamtx.provenance;

import io.quamtx.core.SourceClass;
import io.quamtx.provenance.internal.AuditFile;
import io.quamtx.provenance.internal.ChainState;
import io.quamtx.provenance.internal.Checkpoint;
import io.quamtx.provenance.internal.CheckpointHistory;
import io.quamtx.provenance.internal.DurableFiles;
import io.quamtx.provenance.internal.EventRecord;
import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.Keyring;
import io.quamtx.provenance.internal.MerkleProofs;
import io.quamtx.provenance.internal.MerkleTree;
import io.quamtx.provenance.internal.RandomPool;
import io.quamtx.provenance.internal.Records;
import io.quamtx.provenance.internal.SegmentIndex;
import io.quamtx.provenance.internal.SegmentStore;
import io.quamtx.provenance.internal.Signatures;
import io.quamtx.provenance.internal.VerifiedSignatures;
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
import java.util.ArrayDeque;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
 * <p>An append is linked into the chain under the log's lock (sequence number, previous hash, the
 * record's canonical bytes and chain hash: the only work that must be serial) and queued. The
 * appender then signs its own record outside that lock, so the signatures of a group are made on
 * every core at once. The thread that writes the queue (the group-commit leader, an asynchronous
 * appender, or a control record) signs whatever no appender has claimed yet, writes the records as
 * one transfer in sequence order, adds their index entries, and the leader syncs once for the
 * group; the next leader may write the following group while that sync runs. Receipts and signed
 * checkpoints only ever cover synced records.
 *
 * <p>Thread-safety: all methods are safe to call from any thread; appends are serialized. Blocking:
 * {@link #append} blocks until its record is on disk (fsync). One process at a time: the log takes
 * an exclusive file lock, and a second opener gets {@link LogLockedException}.
 */
public final class ProvenanceLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProvenanceLog.class);
  private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
  private static final int VERIFIED_SIGNATURES = 16_384;

  private final Path home;
  private final Path logDir;
  private final LogOptions options;
  private final FileChannel lockChannel;
  private final boolean readOnly;
  private Keyring keys;
  private final SegmentStore store;
  private final CheckpointHistory checkpoints;
  private final SecureRandom random;
  private final RandomPool randomPool;
  private final ChainState chain = new ChainState(false);
  private final MerkleTree tree = chain.tree();
  private final Object syncMonitor = new Object();
  private final Object writeLock = new Object();
  private final Object locatorLock = new Object();
  private final List<Pending> pending = new ArrayList<>();
  private SegmentIndex index;
  private boolean indexFailed;
  private final Object checkpointLock = new Object();

  /** Record signatures verify() has checked; a repeated check of a record skips the curve. */
  private final VerifiedSignatures verified = new VerifiedSignatures(VERIFIED_SIGNATURES);

  private ScheduledExecutorService flusher;
  private AsyncSyncer syncer;
  private volatile boolean writable;
  private volatile boolean closed;
  private volatile long writtenSeq = -1;
  private volatile long durableSeq = -1;
  private volatile long sequencedSeq = -1;
  private volatile long lastGroup = Long.MAX_VALUE;
  private boolean gathering;
  private long syncingTarget = -1;
  private long highestWaiting = -1;
  private IOException syncFailure;
  private volatile CheckpointHistory.Entry lastCheckpoint;
  private volatile long lastCheckpointNanos = System.nanoTime();

  private ProvenanceLog(
      Path home,
      LogOptions options,
      FileChannel lockChannel,
      Keyring keys,
      SegmentStore store,
      CheckpointHistory checkpoints) {
    this.home = home;
    this.logDir = home.resolve("log");
    this.options = options;
    this.lockChannel = lockChannel;
    this.keys = keys;
    this.store = store;
    this.checkpoints = checkpoints;
    this.random = new SecureRandom();
    this.randomPool = new RandomPool(random, 4096);
    this.readOnly = lockChannel == null;
    this.writable = !readOnly;
  }

  /** Opens the log with {@link LogOptions#defaults()}; see {@link #open(Path, LogOptions)}. */
  public static ProvenanceLog open(Path home) throws ProvenanceException {
    return open(home, LogOptions.defaults());
  }

  /**
   * Opens the log under {@code home}, creating it on first use: directories, the Ed25519 key (mode
   * 0600) and the genesis record. A torn tail left by a crash is cut back to the last whole record
   * (the cut bytes are kept in a {@code cut-*} file beside the segment) and a {@code recovery}
   * record says so. Starts one daemon thread that syncs asynchronous records and signs periodic
   * checkpoints.
   *
   * @throws LogLockedException when another process (or another open log here) holds the log
   * @throws LogCorruptException when a sealed segment is damaged, a whole frame of the last one
   *     fails its CRC, hash, link or signature (only a short last frame counts as a torn write), a
   *     segment does not follow on from the one before, a signed checkpoint covers records that are
   *     no longer on disk, or keys or checkpoints remain while the segments are gone; nothing is
   *     changed
   * @throws ProvenanceException naming the file when the private key of an existing log is missing
   *     (a lost {@code keyset.json} is rebuilt from the key records in the log)
   * @throws ProvenanceException when home cannot be created or written; anything this call created
   *     is removed again
   */
  public static ProvenanceLog open(Path home, LogOptions options) throws ProvenanceException {
    Path abs = home.toAbsolutePath().normalize();
    List<Path> created = new ArrayList<>();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      createLayout(abs, created);
      FileChannel lock = lock(abs.resolve("log"));
      opened.add(lock);
      SegmentStore store = SegmentStore.open(abs.resolve("log"), options.segmentBytes());
      opened.add(store);
      Path history = abs.resolve("log").resolve("checkpoints.jsonl");
      if (!Files.exists(history)) {
        created.add(history);
      }
      CheckpointHistory cps = CheckpointHistory.open(history);
      opened.add(cps);
      Keyring keys = store.segmentCount() == 0 ? keysForNewLog(abs, cps) : null;
      ProvenanceLog log = new ProvenanceLog(abs, options, lock, keys, store, cps);
      log.load();
      log.startFlusher();
      return log;
    } catch (ProvenanceException | IOException | RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i));
      }
      if (!opened.isEmpty()) {
        LOCKED_IN_THIS_JVM.remove(abs.resolve("log").resolve("LOCK"));
      }
      removeCreated(created);
      if (e instanceof ProvenanceException) {
        throw (ProvenanceException) e;
      }
      throw new ProvenanceException("cannot open provenance log in " + abs + ": " + e, e);
    }
  }

  /**
   * Keys for a log that has no segment yet. Keys or signed checkpoints without segments mean the
   * segments of an existing log were deleted or moved: starting a new log there would hide that.
   */
  private static Keyring keysForNewLog(Path home, CheckpointHistory cps)
      throws ProvenanceException, IOException {
    Path keyDir = home.resolve("keys");
    if (Keyring.holdsKeys(keyDir) || !cps.entries().isEmpty()) {
      Path logDir = home.resolve("log");
      throw new LogCorruptException(
          "no segment files in "
              + logDir
              + " but "
              + (cps.entries().isEmpty() ? keyDir + " holds keys" : "signed checkpoints exist")
              + ": the log's records were deleted or moved; restore them, or move keys/ and"
              + " log/checkpoints.jsonl aside to start a new log",
          logDir,
          0,
          0);
    }
    return Keyring.openOrCreate(keyDir, new SecureRandom(), now());
  }

  /**
   * True when {@code home} holds a log: a {@code log/} directory with at least one segment file.
   * Reads the directory only; creates nothing.
   */
  public static boolean exists(Path home) {
    Path logDir = home.toAbsolutePath().normalize().resolve("log");
    if (!Files.isDirectory(logDir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(logDir)) {
      return s.anyMatch(p -> p.getFileName().toString().matches("\\d{20}\\.seg"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens the log under {@code home} for reading only: takes no lock, writes nothing (a torn tail
   * is left in place and simply not read), and needs no private key, only the public keys the log
   * itself announces. Checks the log as {@link #open} does and refuses the same damage. The view is
   * a snapshot of the records on disk when it was opened; appends, checkpoints, key rotation and
   * audits throw. A verification of a record no signed checkpoint covers yet shows its proof
   * against the whole snapshot and a null checkpoint.
   *
   * @throws LogNotFoundException when there is no log (no segment file) under home
   * @throws LogCorruptException on the damage {@link #open} refuses
   * @throws ProvenanceException when the files cannot be read
   */
  public static ProvenanceLog openReadOnly(Path home) throws ProvenanceException {
    Path abs = home.toAbsolutePath().normalize();
    Path logDir = abs.resolve("log");
    if (!Files.isDirectory(logDir)) {
      throw new LogNotFoundException(abs);
    }
    SegmentStore store = null;
    try {
      store = SegmentStore.openReadOnly(logDir);
      if (store.segmentCount() == 0) {
        throw new LogNotFoundException(abs);
      }
      CheckpointHistory cps = CheckpointHistory.openReadOnly(logDir.resolve("checkpoints.jsonl"));
      ProvenanceLog log = new ProvenanceLog(abs, LogOptions.defaults(), null, null, store, cps);
      log.load();
      return log;
    } catch (ProvenanceException | IOException | RuntimeException e) {
      closeQuietly(store);
      if (e instanceof ProvenanceException) {
        throw (ProvenanceException) e;
      }
      throw new ProvenanceException("cannot read the provenance log in " + abs + ": " + e, e);
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
    CheckpointHistory.Entry newest = checkpoints.latest();
    chain.checkSignaturesFrom(newest == null ? 0 : newest.size());
    SegmentStore.TailDamage damage = store.scan(chain::accept, chain::lastFailure);
    checkCheckpointsAgainstTree();
    if (tree.size() == 0 && readOnly) {
      throw new LogNotFoundException(home);
    }
    if (tree.size() > 0) {
      checkNewestCheckpointSignature();
      checkLastSignature();
      Path keyDir = home.resolve("keys");
      keys =
          readOnly
              ? Keyring.publicOnly(keyDir, chain.keys())
              : Keyring.forLog(keyDir, chain.keys());
    } else if (keys == null) {
      keys = keysAfterTornGenesis(damage);
    }
    if (damage != null && !readOnly) {
      recover(damage);
    }
    writtenSeq = tree.size() - 1;
    sequencedSeq = writtenSeq;
    durableSeq = writtenSeq;
    if (!readOnly) {
      reindex();
    }
    if (tree.size() == 0) {
      appendGenesis();
    } else if (damage != null && !readOnly) {
      appendRecovery(damage);
    }
  }

  /**
   * A segment without a whole record: only a first open that stopped while writing the genesis
   * record leaves a short frame there, and its keys are then reused. A segment emptied down to its
   * header while keys remain is refused like deleted segments.
   */
  private Keyring keysAfterTornGenesis(SegmentStore.TailDamage damage)
      throws ProvenanceException, IOException {
    Path keyDir = home.resolve("keys");
    if (damage == null && Keyring.holdsKeys(keyDir)) {
      throw new LogCorruptException(
          "the segment in "
              + logDir
              + " holds no record but "
              + keyDir
              + " holds keys: the log's records were deleted; restore them, or move keys/ aside"
              + " to start a new log",
          store.segmentPath(0),
          SegmentStore.HEADER,
          0);
    }
    return Keyring.openOrCreate(keyDir, new SecureRandom(), now());
  }

  /**
   * Every signed checkpoint must still match the records on disk: records covered by a signature
   * are never lost, so a shorter log is a rollback or a loss, not a torn write.
   */
  private void checkCheckpointsAgainstTree() throws LogCorruptException {
    for (CheckpointHistory.Entry cp : checkpoints.entries()) {
      if (cp.size() > tree.size()) {
        throw new LogCorruptException(
            "log has "
                + tree.size()
                + " records but checkpoint signed at size "
                + cp.size()
                + ": records covered by a signature were lost from "
                + logDir
                + "; refusing to open",
            logDir,
            0,
            tree.size());
      }
      String expect = Checkpoint.body(origin(), cp.size(), tree.root(cp.size()));
      if (!cp.note().startsWith(expect)) {
        throw new LogCorruptException(
            "records under the checkpoint of size "
                + cp.size()
                + " no longer hash to its root; the log in "
                + logDir
                + " was altered",
            logDir,
            0,
            cp.size() - 1);
      }
      lastCheckpoint = cp;
    }
  }

  /**
   * The newest record's signature is checked even under a checkpoint: a damaged last record must
   * refuse to open rather than pass for the head of the chain.
   */
  private void checkLastSignature() throws ProvenanceException {
    long seq = tree.size() - 1;
    Map<String, Object> entry = readEntry(seq);
    Map<String, Object> record = Records.recordOf(entry);
    Object sig = entry.get("signature");
    String name = String.valueOf(record.get("signed_by"));
    Map<String, Object> key = Signatures.entry(chain.keys(), name);
    if (sig instanceof String
        && (key == null
            || !Signatures.verify(
                key, Records.signedBytes(tree.leaf(seq)), base64((String) sig)))) {
      long locator = chain.locator(seq);
      Path seg = store.segmentPath(SegmentStore.segmentOf(locator));
      long offset = SegmentStore.offsetOf(locator);
      throw new LogCorruptException(
          "corrupt log: last record "
              + seq
              + ": signature does not verify under "
              + name
              + " in "
              + seg
              + " at byte "
              + offset,
          seg,
          offset,
          seq);
    }
  }

  /**
   * Record signatures below the newest checkpoint were not checked on open; its signed root binds
   * those records instead, so that signature must verify under a key the log announced.
   */
  private void checkNewestCheckpointSignature() throws LogCorruptException {
    CheckpointHistory.Entry cp = checkpoints.latest();
    if (cp == null) {
      return;
    }
    String keyset = Jcs.canonicalString(Map.of("keys", chain.keysForIntegrity()));
    OfflineVerifier.CheckpointBody body =
        OfflineVerifier.trusting(keyset).checkCheckpoint(cp.note());
    if (!body.ok()) {
      Path file = logDir.resolve("checkpoints.jsonl");
      throw new LogCorruptException(
          "newest checkpoint in " + file + " (size " + cp.size() + "): " + body.reason(),
          file,
          0,
          cp.size() - 1);
    }
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
    r.put("signed_by", keys.active().name());
    chain.setLogId(Records.chainHash(r));
    writeAndSync(r, true, null);
  }

  private void appendRecovery(SegmentStore.TailDamage d) throws ProvenanceException {
    Map<String, Object> r = header("recovery", tree.size());
    r.put("cut_bytes", d.bytesAfter());
    r.put("cut_offset", d.offset());
    r.put("cut_segment", store.segmentPath(d.segment()).getFileName().toString());
    r.put("cut_reason", d.reason());
    r.put("last_good_seq", tree.size() - 1);
    writeAndSync(footer(r), true, null);
  }

  /**
   * Appends one record for a draw or reseed. With {@link Durability#STRICT} or {@link
   * Durability#BATCHED} (always for draws) it returns only once the record is on disk; with {@link
   * Durability#ASYNC} (reseeds only) once it is written, to be synced within the flush interval.
   *
   * @throws ProvenanceException when the write or sync fails; the log then refuses further appends
   *     (fail closed) until reopened, and the draw's bytes must not be used
   */
  public Receipt append(DrawEvent event) throws ProvenanceException {
    Durability d = durability(event);
    Linked linked = link(event, d, false);
    if (d == Durability.ASYNC) {
      writePending();
    } else {
      linked.queued.seal();
      awaitDurable(linked.seq, d == Durability.BATCHED);
    }
    return linked.receipt();
  }

  /**
   * Appends one record like {@link #append}, without blocking on the sync: the log's sync thread
   * syncs the groups of every such caller, and the stages complete with their receipts, in sequence
   * order, on the log's answer thread once their records are on disk. A server that answers each
   * draw only once its record is durable can answer from there instead of parking a request thread
   * per draw; that work should be short and must not block. An event whose durability is {@link
   * Durability#ASYNC} is appended as by {@link #append}.
   *
   * @throws ProvenanceException when the log refuses appends; a failed write or sync instead
   *     completes the stage exceptionally with a {@link ProvenanceException}, and the log then
   *     refuses further appends until reopened; the draw's bytes must not be used
   */
  public CompletableFuture<Receipt> appendAsync(DrawEvent event) throws ProvenanceException {
    Durability d = durability(event);
    if (d == Durability.ASYNC) {
      return CompletableFuture.completedFuture(append(event));
    }
    Linked linked = link(event, d, true);
    // Made here, in parallel with other appenders, unless the sync thread got to it first.
    linked.queued.seal();
    return linked.done;
  }

  private Durability durability(DrawEvent event) {
    return "reseed".equals(event.type()) ? options.reseedDurability() : options.drawDurability();
  }

  /** Links an event's record at the head of the chain, queued for writing. */
  private Linked link(DrawEvent event, Durability d, boolean callback) throws ProvenanceException {
    // One take for both: the pool serializes its callers. Without output there is no nonce.
    byte[] fresh = randomBytes(event.output() == null ? 8 : 40);
    byte[] idRandom = Arrays.copyOf(fresh, 8);
    byte[] nonce = event.output() == null ? null : Arrays.copyOfRange(fresh, 8, 40);
    synchronized (this) {
      ensureWritable();
      if (callback && syncer != null && syncer.stopping()) {
        throw new ProvenanceException("provenance log " + logDir + " is closing");
      }
      EventRecord r = eventRecord(event, d, nonce, idRandom);
      Pending queued =
          sequence(r.seq(), r.canonical(), options.signEachRecord() && d != Durability.ASYNC, null);
      Linked linked = new Linked(r.seq(), r.provenanceId(), queued, nonce, callback);
      if (callback) {
        syncer().enqueue(linked);
      }
      return linked;
    }
  }

  /** A record linked into the chain, and for {@link #appendAsync} the stage its caller holds. */
  private static final class Linked {
    final long seq;
    final String provenanceId;
    final Pending queued;
    final String opening;
    final CompletableFuture<Receipt> done;

    Linked(long seq, String provenanceId, Pending queued, byte[] nonce, boolean callback) {
      this.seq = seq;
      this.provenanceId = provenanceId;
      this.queued = queued;
      this.opening = nonce == null ? null : Hashes.hex(nonce);
      this.done = callback ? new CompletableFuture<>() : null;
    }

    /** The receipt, once the record is written (its payload is made by the writer). */
    Receipt receipt() {
      return Receipt.ofEntry(provenanceId, queued.payload, opening);
    }

    void complete(ProvenanceException failure) {
      if (failure == null) {
        done.complete(receipt());
      } else {
        done.completeExceptionally(failure);
      }
    }
  }

  /**
   * The thread that syncs for {@link #appendAsync}, started on first use (caller holds the lock).
   */
  private AsyncSyncer syncer() {
    if (syncer == null) {
      syncer = new AsyncSyncer();
      syncer.start();
    }
    return syncer;
  }

  /**
   * Syncs for asynchronous appenders: takes part in the group commit like a blocking appender for
   * the newest record queued, then hands every stage now durable, in sequence order, to a second
   * thread that completes them, and goes on while any is left: their callers' follow-up work (an
   * HTTP answer) runs there while the next group syncs.
   */
  private final class AsyncSyncer extends Thread {
    private final ArrayDeque<Linked> queue = new ArrayDeque<>();
    // Completes stages in order on a second thread, so the next group syncs while callers answer.
    private final ExecutorService answers =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "quamtx-provenance-answers");
              t.setDaemon(true);
              return t;
            });
    private boolean stopping;

    AsyncSyncer() {
      super("quamtx-provenance-sync");
      setDaemon(true);
    }

    /** Queues a linked record; called under the log's lock, so the queue is in sequence order. */
    synchronized void enqueue(Linked l) {
      queue.addLast(l);
      if (queue.size() == 1) {
        notifyAll();
      }
    }

    @Override
    public void run() {
      long target;
      while ((target = nextTarget()) >= 0) {
        ProvenanceException failure = null;
        try {
          awaitDurable(target, true);
        } catch (ProvenanceException e) {
          failure = e;
        }
        List<Linked> done = takeDone(failure);
        ProvenanceException f = failure;
        if (!done.isEmpty()) {
          answers.execute(() -> done.forEach(l -> l.complete(f)));
        }
      }
    }

    /** The newest queued record, waiting for one; -1 once stopped with none left. */
    private synchronized long nextTarget() {
      while (queue.isEmpty() && !stopping) {
        try {
          wait();
        } catch (InterruptedException e) {
          stopping = true;
        }
      }
      return queue.isEmpty() ? -1 : queue.peekLast().seq;
    }

    private synchronized List<Linked> takeDone(ProvenanceException failure) {
      List<Linked> done = new ArrayList<>();
      while (!queue.isEmpty() && (failure != null || queue.peekFirst().seq <= durableSeq)) {
        done.add(queue.pollFirst());
      }
      return done;
    }

    synchronized boolean stopping() {
      return stopping;
    }

    /** Completes what is queued, then ends (called under the log's lock). */
    synchronized void requestStop() {
      stopping = true;
      notifyAll();
    }

    void finish() {
      try {
        join(TimeUnit.SECONDS.toMillis(10));
        answers.shutdown();
        answers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The record of an event at the head of the chain (caller holds the lock). */
  private EventRecord eventRecord(DrawEvent event, Durability d, byte[] nonce, byte[] idRandom) {
    long seq = tree.size();
    SourceClass cls = event.sourceClassEnum();
    String commitment =
        nonce == null
            ? null
            : Hashes.text(Records.commitment(chain.logId(), seq, nonce, event.output()));
    return new EventRecord(
        event.type(),
        chain.logId(),
        seq,
        ProvenanceId.format(seq, chain.logIdBytes(), idRandom),
        now(),
        cls.label(),
        event.sourceId(),
        event.health(),
        event.bytes(),
        event.minEntropyPerByte(),
        event.minEntropyBasis(),
        cls.billingWeight(),
        commitment,
        d == Durability.ASYNC ? "async" : "fsync",
        Hashes.text(chain.head()),
        keys.active().name(),
        event.requester());
  }

  private Map<String, Object> header(String type, long seq) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("v", Records.VERSION);
    r.put("type", type);
    r.put("log_id", chain.logId());
    r.put("seq", seq);
    r.put("provenance_id", ProvenanceId.format(seq, chain.logIdBytes(), randomBytes(8)));
    r.put("timestamp", now());
    return r;
  }

  private Map<String, Object> footer(Map<String, Object> r) {
    r.put("previous_hash", Hashes.text(chain.head()));
    r.put("signed_by", keys.active().name());
    return r;
  }

  /**
   * Appends a signed {@code source_change} control record, durable on return: the class of output a
   * component serves changed, for instance from hardware to the OS fallback and back, so that no
   * fallback is ever silent.
   *
   * @param component what changed, e.g. {@code provider:QUAMTX}
   * @param from the class served before
   * @param to the class served from now on
   * @param reason why, in one line
   * @return the record's provenance id
   * @throws ProvenanceException when the record cannot be made durable
   */
  public synchronized String appendSourceChange(
      String component, SourceClass from, SourceClass to, String reason)
      throws ProvenanceException {
    ensureWritable();
    Map<String, Object> r = header("source_change", tree.size());
    r.put("source_id", component);
    r.put("from_class", from.label());
    r.put("to_class", to.label());
    r.put("reason", reason);
    writeAndSync(footer(r), true, null);
    return (String) r.get("provenance_id");
  }

  /**
   * Rotates the signing key to a new Ed25519 key: creates it (0600), appends a {@code key_rotation}
   * record that carries the new public key and is signed by both the old key ({@code signature})
   * and the new one ({@code cosignature}), waits until it is durable, then closes the old key's
   * window in the keyset. Records signed before stay verifiable with the old key.
   *
   * @return the new key's name
   * @throws ProvenanceException when the key cannot be written or the record made durable
   */
  public synchronized String rotateKey() throws ProvenanceException {
    ensureWritable();
    try {
      return rotateTo(keys.createKey(random));
    } catch (IOException e) {
      throw new ProvenanceException("cannot rotate the key in " + keys.dir() + ": " + e, e);
    }
  }

  /**
   * Rotates the signing key to an ECDSA P-256 key held in a PKCS#11 token, as {@link #rotateKey()}
   * does for a file key: the token is opened and its key signs the rotation record beside the old
   * key; the reference to the token (never the PIN) is kept in {@code keys/<name>.pkcs11} so that
   * the log reopens the token when it opens. Blocks while the token logs in and signs.
   *
   * @return the new key's name, {@code quamtx-hsm-<key id>}
   * @throws ProvenanceException when the token cannot be opened, refuses the PIN, holds no P-256
   *     key under the alias, or the key was used by this log before
   */
  public synchronized String rotateKey(Pkcs11Config token) throws ProvenanceException {
    ensureWritable();
    try {
      return rotateTo(keys.addTokenKey(token));
    } catch (IOException e) {
      throw new ProvenanceException("cannot rotate the key in " + keys.dir() + ": " + e, e);
    }
  }

  private String rotateTo(Signer next) throws ProvenanceException, IOException {
    Map<String, Object> r = header("key_rotation", tree.size());
    String at = (String) r.get("timestamp");
    r.put("old_key", keys.active().name());
    r.put("new_key", Keyring.entryOf(next, at));
    writeAndSync(footer(r), true, next);
    keys.activate(next, at);
    return next.name();
  }

  /**
   * Declares a key compromised from record {@code sinceSeq} on, in a signed {@code key_compromise}
   * control record (docs/FORMAT.md section 8). It is signed by the active key, which must be
   * another key: rotate away from a compromised key first. From then on {@link #verify} reports a
   * record signed by that key at or after {@code sinceSeq} as untrusted (see {@link
   * Verification#compromised()}; a key rotation it signed stays trusted through its new key's
   * cosignature), and the keyset marks the key.
   *
   * @param keyName the compromised key
   * @param sinceSeq the first record not to trust, 0 to the next sequence number
   * @param reason one line, recorded in the log
   * @return the record's provenance id
   * @throws IllegalArgumentException when the key is unknown or active, or sinceSeq is out of range
   * @throws ProvenanceException when the record cannot be made durable
   */
  public synchronized String declareCompromised(String keyName, long sinceSeq, String reason)
      throws ProvenanceException {
    ensureWritable();
    checkCompromiseTarget(keyName, sinceSeq);
    Map<String, Object> r = header("key_compromise", tree.size());
    r.put("key", keyName);
    r.put("since_seq", sinceSeq);
    r.put(
        "since",
        sinceSeq < tree.size()
            ? Records.recordOf(readEntry(sinceSeq)).get("timestamp")
            : r.get("timestamp"));
    r.put("reason", reason);
    writeAndSync(footer(r), true, null);
    try {
      keys.markCompromised(keyName, ChainState.declaration(r));
    } catch (IOException e) {
      throw new ProvenanceException("cannot rewrite the keyset in " + keys.dir() + ": " + e, e);
    }
    return (String) r.get("provenance_id");
  }

  /**
   * The first sequence number whose record's timestamp is at or after {@code time} (RFC 3339 UTC),
   * or the next sequence number when every record is older.
   */
  public synchronized long firstSeqAtOrAfter(java.time.Instant time) throws ProvenanceException {
    long lo = 0;
    long hi = tree.size();
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      String ts = (String) Records.recordOf(readEntry(mid)).get("timestamp");
      if (java.time.Instant.parse(ts).isBefore(time)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void checkCompromiseTarget(String keyName, long sinceSeq) {
    if (keys.entry(keyName) == null) {
      throw new IllegalArgumentException("no key named '" + keyName + "' in this log's keyset");
    }
    if (keyName.equals(keys.activeName())) {
      throw new IllegalArgumentException(
          "key "
              + keyName
              + " is the active signing key; rotate to a new key first, then declare"
              + " the old one compromised");
    }
    if (sinceSeq < 0 || sinceSeq > tree.size()) {
      throw new IllegalArgumentException(
          "compromise start " + sinceSeq + " is outside 0.." + tree.size());
    }
  }

  /** Writes and syncs a control record (caller holds the lock or is still opening). */
  private void writeAndSync(Map<String, Object> r, boolean sign, Signer cosigner)
      throws ProvenanceException {
    sequence((Long) r.get("seq"), Jcs.canonicalize(r), sign, cosigner);
    writePending();
    long target = writtenSeq;
    try {
      store.force();
    } catch (IOException e) {
      writable = false;
      throw new ProvenanceException("cannot sync " + logDir + " (" + e + "); log is read-only", e);
    }
    synchronized (syncMonitor) {
      durableSeq = Math.max(durableSeq, target);
      syncMonitor.notifyAll();
    }
  }

  /**
   * A record linked into the chain but maybe not yet written. Its entry (signature and stored
   * bytes) is made once, by whichever thread claims it first: the appender right after linking it,
   * outside the log's lock, or the thread writing the queue, which waits for entries already being
   * made. So the records of one group are signed on every core while the writer keeps sequence
   * order; the caller still gets its receipt only after the sync.
   */
  private static final class Pending {
    final long seq;
    final byte[] canonical;
    final byte[] chainHash;
    final Signer signer;
    final Signer cosigner;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile byte[] payload;
    private volatile Exception failure;

    Pending(long seq, byte[] canonical, byte[] h, Signer signer, Signer cosigner) {
      this.seq = seq;
      this.canonical = canonical;
      this.chainHash = h;
      this.signer = signer;
      this.cosigner = cosigner;
    }

    /** Makes the entry here unless another thread has claimed it; never waits. */
    void seal() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        payload = makeEntry();
      } catch (ProvenanceException | RuntimeException e) {
        failure = e;
      } finally {
        // Even an Error must not leave the writer waiting for an entry that never comes.
        if (payload == null && failure == null) {
          failure = new ProvenanceException("record " + seq + " could not be signed");
        }
        synchronized (this) {
          notifyAll();
        }
      }
    }

    private byte[] makeEntry() throws ProvenanceException {
      byte[] sig = signer == null ? null : signer.sign(Records.signedBytes(chainHash));
      byte[] cosig = cosigner == null ? null : cosigner.sign(Records.signedBytes(chainHash));
      return Records.entryFromCanonical(canonical, chainHash, sig, cosig);
    }

    /**
     * The entry, made here or by the thread that claimed it (waiting for it: a signature takes well
     * under a millisecond, so the wait ignores interrupts and restores the flag).
     *
     * @throws ProvenanceException when signing failed
     */
    byte[] entry() throws ProvenanceException {
      seal();
      boolean interrupted = false;
      synchronized (this) {
        while (payload == null && failure == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return entryOrFailure();
    }

    private byte[] entryOrFailure() throws ProvenanceException {
      Exception e = failure;
      if (e instanceof ProvenanceException) {
        throw (ProvenanceException) e;
      }
      if (e != null) {
        throw (RuntimeException) e;
      }
      return payload;
    }
  }

  /**
   * Links a record given in canonical form at the head of the chain and queues it for writing
   * (caller holds the lock). The chain needs only the hash, so signing waits for the writer.
   */
  private Pending sequence(long seq, byte[] canonical, boolean sign, Signer cosigner) {
    byte[] h = Hashes.leafHash(canonical);
    chain.extend(h);
    sequencedSeq = seq;
    Pending p = new Pending(seq, canonical, h, sign ? keys.active() : null, cosigner);
    synchronized (pending) {
      pending.add(p);
    }
    return p;
  }

  /**
   * Signs and writes every record queued so far, in sequence order, with one write. Runs outside
   * the log's lock, so new records are linked while these are signed. Not yet synced.
   *
   * @throws ProvenanceException when the write fails; the log then refuses appends (fail closed)
   *     and every waiter for these records gets the failure
   */
  private void writePending() throws ProvenanceException {
    synchronized (writeLock) {
      if (!writable) {
        // Records queued after a failed write would follow a gap in the chain on disk.
        throw new ProvenanceException(
            "provenance log " + logDir + " refuses writes after a failed write; reopen it");
      }
      List<Pending> batch;
      synchronized (pending) {
        if (pending.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(pending);
        pending.clear();
      }
      long first = batch.get(0).seq;
      long[] locators = signAndStore(first, batch);
      synchronized (locatorLock) {
        for (long l : locators) {
          chain.located(l);
        }
      }
      writtenSeq = first + batch.size() - 1;
      index(first, locators, batch);
    }
  }

  /**
   * Rewrites every segment index that does not match the records just scanned (missing, torn, stale
   * after a cut tail, or altered), then opens the last one for appending.
   */
  private void reindex() throws IOException {
    for (int i = 0; i < store.segmentCount(); i++) {
      long first = store.segmentFirstSeq(i);
      long end = i + 1 < store.segmentCount() ? store.segmentFirstSeq(i + 1) : tree.size();
      long[] offsets = new long[(int) (end - first)];
      byte[][] hashes = new byte[offsets.length][];
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] = SegmentStore.offsetOf(chain.locator(first + k));
        hashes[k] = tree.leaf(first + k);
      }
      SegmentIndex.ensure(store.segmentPath(i), SegmentIndex.content(first, offsets, hashes));
      if (i == store.segmentCount() - 1) {
        index = SegmentIndex.openForAppend(store.segmentPath(i), first, offsets.length);
      }
    }
  }

  /**
   * Appends the index entries of records just written (caller holds the write lock), moving to a
   * new index when a record went to a new segment. The index is derived data: a failure here is
   * logged once and the index rebuilt on the next open, but never fails an append.
   */
  private void index(long first, long[] locators, List<Pending> batch) {
    if (indexFailed) {
      return;
    }
    long[] offsets = new long[locators.length];
    byte[][] hashes = new byte[locators.length][];
    for (int i = 0; i < locators.length; i++) {
      offsets[i] = SegmentStore.offsetOf(locators[i]);
      hashes[i] = batch.get(i).chainHash;
    }
    try {
      int from = 0;
      while (from < locators.length) {
        int segment = SegmentStore.segmentOf(locators[from]);
        int to = from;
        while (to < locators.length && SegmentStore.segmentOf(locators[to]) == segment) {
          to++;
        }
        indexFor(segment, first + from).append(offsets, hashes, from, to);
        from = to;
      }
    } catch (IOException e) {
      indexFailed = true;
      LOG.warn("provenance log {}: index not written ({}); rebuilt on next open", logDir, e);
    }
  }

  private SegmentIndex indexFor(int segment, long nextSeq) throws IOException {
    long first = store.segmentFirstSeq(segment);
    if (index != null && index.firstSeq() == first) {
      return index;
    }
    if (index != null) {
      index.sync();
      index.close();
    }
    index = SegmentIndex.openForAppend(store.segmentPath(segment), first, nextSeq - first);
    return index;
  }

  private long[] signAndStore(long first, List<Pending> batch) throws ProvenanceException {
    try {
      // Sign what no appender has claimed first, so the writer rarely waits for one still signing.
      for (Pending p : batch) {
        p.seal();
      }
      List<byte[]> payloads = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        payloads.add(p.entry());
      }
      return store.append(first, payloads);
    } catch (IOException | ProvenanceException | RuntimeException e) {
      writable = false;
      IOException cause = e instanceof IOException ? (IOException) e : new IOException(e);
      synchronized (syncMonitor) {
        syncFailure = cause;
        syncMonitor.notifyAll();
      }
      throw new ProvenanceException(
          "cannot write records from " + first + " to " + logDir + " (" + e + "); log is read-only",
          e);
    }
  }

  /**
   * Group commit: returns once record {@code seq} is durable. One waiter at a time leads: it
   * gathers and writes the queued records, then syncs them, and the next leader may gather and
   * write the following group while that sync runs, so the next records are signed while the disk
   * works. A sync makes durable everything written before it started, so whichever sync ends first
   * may advance the durable point up to what it covers. The others wait for a sync that covers
   * them.
   */
  private void awaitDurable(long seq, boolean gather) throws ProvenanceException {
    while (true) {
      synchronized (syncMonitor) {
        while (durableSeq < seq && syncFailure == null && (gathering || syncingTarget >= seq)) {
          highestWaiting = Math.max(highestWaiting, seq);
          waitOn(syncMonitor);
        }
        if (syncFailure != null) {
          throw new ProvenanceException(
              "cannot sync " + logDir + " (" + syncFailure + "); log is now read-only",
              syncFailure);
        }
        if (durableSeq >= seq) {
          return;
        }
        gathering = true;
      }
      syncAsLeader(gather);
    }
  }

  private void syncAsLeader(boolean gather) throws ProvenanceException {
    long before = writtenSeq;
    if (gather) {
      gather(before);
    }
    try {
      writePending();
    } catch (ProvenanceException e) {
      synchronized (syncMonitor) {
        gathering = false;
        syncMonitor.notifyAll();
      }
      throw e;
    }
    long target = writtenSeq;
    lastGroup = Math.max(1, target - before);
    synchronized (syncMonitor) {
      gathering = false;
      syncingTarget = Math.max(syncingTarget, target);
      // Waiters this write covers wait for its sync; wake them now only to lead the next group.
      if (highestWaiting > target) {
        syncMonitor.notifyAll();
      }
    }
    syncUpTo(target);
  }

  /** Syncs the segment; every record up to {@code target} was written before this call. */
  private void syncUpTo(long target) throws ProvenanceException {
    IOException failure = null;
    try {
      store.force();
    } catch (IOException e) {
      failure = e;
      writable = false;
    }
    synchronized (syncMonitor) {
      if (failure != null) {
        syncFailure = failure;
      } else if (syncFailure == null) {
        durableSeq = Math.max(durableSeq, target);
      }
      syncMonitor.notifyAll();
    }
    if (failure == null && target + 1 - checkpointedSize() >= options.checkpointEveryRecords()) {
      signCheckpoint(false);
    }
  }

  /**
   * Waits up to the batch delay for more records, and no longer once as many are waiting as the
   * previous group held: under steady load a group fills while the last one syncs, and sleeping the
   * whole delay then only adds latency.
   */
  private void gather(long written) {
    long deadline = System.nanoTime() + options.batchDelay().toNanos();
    long step = Math.max(1, options.batchDelay().toNanos() / 16);
    while (sequencedSeq - written < lastGroup) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(step, left));
    }
  }

  private static void waitOn(Object monitor) throws ProvenanceException {
    try {
      monitor.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvenanceException("interrupted while waiting for the log to sync", e);
    }
  }

  private long checkpointedSize() {
    CheckpointHistory.Entry cp = lastCheckpoint;
    return cp == null ? 0 : cp.size();
  }

  private void startFlusher() {
    long period =
        Math.min(options.flushInterval().toNanos(), options.checkpointInterval().toNanos());
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quamtx-provenance-flusher");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.NANOSECONDS);
  }

  private void flushQuietly() {
    try {
      if (writtenSeq > durableSeq && writable) {
        awaitDurable(writtenSeq, false);
      }
      if (System.nanoTime() - lastCheckpointNanos >= options.checkpointInterval().toNanos()) {
        signCheckpoint(false);
      }
      flushIndex();
    } catch (ProvenanceException | RuntimeException e) {
      LOG.error("provenance log {}: background sync failed: {}", logDir, e.getMessage());
    }
  }

  /** Writes the index entries held back, so that lookups by id find recent records directly. */
  private void flushIndex() {
    synchronized (writeLock) {
      if (index == null || indexFailed) {
        return;
      }
      try {
        index.flush();
      } catch (IOException e) {
        indexFailed = true;
        LOG.warn("provenance log {}: index not written ({}); rebuilt on next open", logDir, e);
      }
    }
  }

  /**
   * Signs a checkpoint over every durable record, unless the latest already covers them, and
   * appends it (synced) to {@code log/checkpoints.jsonl}. Asynchronous records written but not yet
   * synced are synced first, so the checkpoint covers every record written before this call.
   *
   * @return the C2SP signed note
   * @throws ProvenanceException when the sync or the checkpoint write fails, or the log is open
   *     read-only
   */
  public String checkpoint() throws ProvenanceException {
    ensureOpen();
    if (readOnly) {
      throw new ProvenanceException("provenance log " + logDir + " is open read-only");
    }
    if (writtenSeq > durableSeq && writable) {
      awaitDurable(writtenSeq, false);
    }
    return signCheckpoint(true).note();
  }

  private CheckpointHistory.Entry signCheckpoint(boolean always) throws ProvenanceException {
    synchronized (checkpointLock) {
      long size = durableSeq + 1;
      CheckpointHistory.Entry last = lastCheckpoint;
      if (last != null && last.size() >= size) {
        return last;
      }
      String note;
      synchronized (this) {
        note = Checkpoint.sign(Checkpoint.body(origin(), size, tree.root(size)), keys.active());
      }
      try {
        checkpoints.append(size, note);
      } catch (IOException e) {
        throw new ProvenanceException("cannot write checkpoint in " + logDir + ": " + e, e);
      }
      lastCheckpointNanos = System.nanoTime();
      lastCheckpoint = new CheckpointHistory.Entry(size, note);
      return lastCheckpoint;
    }
  }

  /**
   * Checks a record by id: its bytes against its chain hash, its link to the previous record, its
   * signature (and cosignature for a key rotation), and its inclusion in the tree of the latest
   * checkpoint (signed now if none covers it yet).
   *
   * @return empty when the id is well-formed but this log holds no such record
   * @throws IllegalArgumentException when the id is malformed
   * @throws ProvenanceException when the record cannot be read
   */
  public Optional<Verification> verify(String provenanceId) throws ProvenanceException {
    ProvenanceId pid = ProvenanceId.parse(provenanceId);
    ensureOpen();
    long seq = pid.seq();
    if (seq <= 0
        || seq > writtenSeq
        || !Arrays.equals(pid.logPrefix(), Arrays.copyOf(chain.logIdBytes(), 4))) {
      return Optional.empty();
    }
    Map<String, Object> entry = readEntry(seq);
    Map<String, Object> record = Records.recordOf(entry);
    if (!provenanceId.toLowerCase(Locale.ROOT).equals(record.get("provenance_id"))) {
      return Optional.empty();
    }
    CheckpointHistory.Entry cp = lastCheckpoint;
    if ((cp == null || cp.size() <= seq) && !readOnly) {
      checkpoint();
      cp = lastCheckpoint;
    }
    if (cp != null && cp.size() <= seq) {
      cp = null;
    }
    synchronized (this) {
      return Optional.of(check(seq, entry, record, cp));
    }
  }

  private Verification check(
      long seq, Map<String, Object> entry, Map<String, Object> record, CheckpointHistory.Entry cp)
      throws ProvenanceException {
    byte[] h = Records.chainHash(record);
    long size = cp == null ? tree.size() : cp.size();
    List<byte[]> proof = tree.inclusionProof(seq, size);
    String reason = firstFailure(seq, entry, record, h);
    if (reason == null && !MerkleProofs.verifyInclusion(seq, size, h, proof, tree.root(size))) {
      reason = "inclusion proof does not lead to the checkpoint root";
    }
    String untrusted = reason == null ? compromiseProblem(seq, record) : null;
    if (untrusted != null) {
      reason = untrusted;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", reason == null);
    json.put("reason", reason == null ? "ok" : reason);
    json.put("compromised", untrusted != null);
    json.put("record", Records.withProof(entry));
    json.put("inclusion", inclusionJson(seq, size, proof));
    json.put("checkpoint", cp == null ? null : cp.note());
    json.put("key", keyJson((String) record.get("signed_by")));
    json.put("neighbours", neighbours(seq));
    return new Verification(
        reason == null, reason == null ? "ok" : reason, json, untrusted != null);
  }

  /**
   * Why a record signed by a key declared compromised at its sequence number is untrusted, or null.
   * Records before the declared point stay trusted: the chain and the checkpoints signed back then
   * anchor them.
   */
  private String compromiseProblem(long seq, Map<String, Object> record) {
    String name = String.valueOf(record.get("signed_by"));
    Map<String, Object> d = ChainState.compromiseCovering(keys.entry(name), seq);
    if (d == null || cosignedByTrustedKey(record, seq)) {
      return null;
    }
    return "untrusted: signed by "
        + name
        + ", declared compromised from record "
        + d.get("since_seq")
        + " by record "
        + d.get("declared_seq");
  }

  /** A key rotation is also signed by its new key; if that one is trusted, so is the record. */
  @SuppressWarnings("unchecked")
  private boolean cosignedByTrustedKey(Map<String, Object> record, long seq) {
    if (!"key_rotation".equals(record.get("type"))) {
      return false;
    }
    String next = String.valueOf(((Map<String, Object>) record.get("new_key")).get("name"));
    return ChainState.compromiseCovering(keys.entry(next), seq) == null;
  }

  private String firstFailure(
      long seq, Map<String, Object> entry, Map<String, Object> record, byte[] h) {
    if (!Hashes.text(h).equals(entry.get("chain_hash")) || !Hashes.same(h, tree.leaf(seq))) {
      return "record bytes do not match chain hash " + entry.get("chain_hash");
    }
    if (!Hashes.text(tree.leaf(seq - 1)).equals(record.get("previous_hash"))) {
      return "previous_hash does not match record " + (seq - 1);
    }
    if (entry.get("signature") == null) {
      return null;
    }
    Map<String, Object> key = keys.entry(String.valueOf(record.get("signed_by")));
    if (key == null) {
      return "signed by a key not in the keyset: " + record.get("signed_by");
    }
    if (!verified.verify(key, Records.signedBytes(h), base64((String) entry.get("signature")))) {
      return "signature does not verify under " + record.get("signed_by");
    }
    return cosignatureFailure(entry, record, h);
  }

  @SuppressWarnings("unchecked")
  private String cosignatureFailure(
      Map<String, Object> entry, Map<String, Object> record, byte[] h) {
    if (!"key_rotation".equals(record.get("type"))) {
      return null;
    }
    Map<String, Object> next = (Map<String, Object>) record.get("new_key");
    Object cosig = entry.get("cosignature");
    boolean ok =
        cosig instanceof String
            && verified.verify(next, Records.signedBytes(h), base64((String) cosig));
    return ok ? null : "key rotation is not cosigned by the new key " + next.get("name");
  }

  private static byte[] base64(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
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
    m.put("next", seq + 1 <= writtenSeq ? neighbour(seq + 1) : null);
    return m;
  }

  private Map<String, Object> neighbour(long seq) throws ProvenanceException {
    Map<String, Object> r = Records.recordOf(readEntry(seq));
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
  public Map<String, Object> record(long seq) throws ProvenanceException {
    return Records.withProof(entry(seq));
  }

  /**
   * The stored entry at a sequence number: {@code {"chain_hash", "record", "signature"}} (plus
   * {@code "cosignature"} for a key rotation), exactly as in the segment file.
   *
   * @throws IllegalArgumentException when no record has that number
   */
  public Map<String, Object> entry(long seq) throws ProvenanceException {
    ensureOpen();
    if (seq < 0 || seq > writtenSeq) {
      throw new IllegalArgumentException("no record " + seq + "; the log has " + (writtenSeq + 1));
    }
    return readEntry(seq);
  }

  /**
   * An audit segment around a record ({@code quamtx-audit/v1}, see docs/FORMAT.md): a header with
   * the keyset and a checkpoint signed over the log, the records from {@code before} before to
   * {@code after} after the target (clipped to the log), each with its inclusion proof, and a
   * signed manifest over the lines. {@link OfflineVerifier#replay} checks it.
   *
   * @return the lines (without newlines), or empty when the id is well-formed but unknown
   * @throws IllegalArgumentException when the id is malformed or a count is negative
   */
  public Optional<List<String>> audit(String provenanceId, int before, int after)
      throws ProvenanceException {
    if (before < 0 || after < 0) {
      throw new IllegalArgumentException(
          "--before/--after must be >= 0, got " + before + "/" + after);
    }
    if (readOnly) {
      throw new ProvenanceException(
          "an audit segment is signed with the log's private key; open " + logDir + " for writing");
    }
    if (verify(provenanceId).isEmpty()) {
      return Optional.empty();
    }
    long seq = ProvenanceId.parse(provenanceId).seq();
    CheckpointHistory.Entry cp = lastCheckpoint;
    long from = Math.max(0, seq - before);
    long to = Math.min(cp.size() - 1, seq + (long) after);
    List<String> lines = new ArrayList<>();
    lines.add(AuditFile.headerLine(auditHeader(provenanceId, from, to, cp)));
    for (long s = from; s <= to; s++) {
      lines.add(AuditFile.entryLine(s, readEntry(s), inclusionProof(s, cp.size())));
    }
    Signer key;
    synchronized (this) {
      key = keys.active();
    }
    return Optional.of(AuditFile.withManifest(lines, key));
  }

  private Map<String, Object> auditHeader(
      String id, long from, long to, CheckpointHistory.Entry cp) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("log_id", chain.logId());
    h.put("origin", origin());
    h.put("generated", now());
    h.put("target", id.toLowerCase(Locale.ROOT));
    h.put("from_seq", from);
    h.put("to_seq", to);
    h.put("keyset", keyset());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("size", cp.size());
    c.put("note", cp.note());
    h.put("checkpoint", c);
    return h;
  }

  /** Inclusion proof of record {@code seq} in the tree of {@code treeSize}, base64 hashes. */
  public synchronized Map<String, Object> inclusionProof(long seq, long treeSize) {
    return inclusionJson(seq, treeSize, tree.inclusionProof(seq, treeSize));
  }

  /** Consistency proof between two tree sizes, base64 hashes. */
  public synchronized List<String> consistencyProof(long size1, long size2) {
    List<String> out = new ArrayList<>();
    for (byte[] h : tree.consistencyProof(size1, size2)) {
      out.add(Base64.getEncoder().encodeToString(h));
    }
    return out;
  }

  /**
   * The Merkle tree head (RFC 9162 root) over the first {@code size} records, 32 bytes.
   *
   * @throws IllegalArgumentException when the log has fewer than {@code size} records
   */
  public synchronized byte[] treeRoot(long size) {
    if (size < 0 || size > tree.size()) {
      throw new IllegalArgumentException(
          "no tree of size " + size + "; the log has " + tree.size() + " records");
    }
    return tree.root(size);
  }

  /** Every checkpoint signed so far, oldest first (tree size and signed note). */
  public List<SignedCheckpoint> checkpoints() {
    synchronized (checkpointLock) {
      return checkpoints.entries().stream()
          .map(e -> new SignedCheckpoint(e.size(), e.note()))
          .toList();
    }
  }

  /** The public keyset (every key ever used, with validity windows), as JSON-ready values. */
  public synchronized Map<String, Object> keyset() {
    return keys.keysetJson();
  }

  private Map<String, Object> readEntry(long seq) throws ProvenanceException {
    try {
      long locator;
      synchronized (locatorLock) {
        locator = chain.locator(seq);
      }
      return Records.parseEntry(store.read(locator));
    } catch (IOException | RuntimeException e) {
      throw new ProvenanceException("cannot read record " + seq + " from " + logDir + ": " + e, e);
    }
  }

  /** The checkpoint origin line: {@code quamtx/<log id>}. */
  public String origin() {
    return "quamtx/" + chain.logId();
  }

  /** A snapshot of the log's state. Never blocks on I/O. */
  public synchronized LogStatus status() {
    CheckpointHistory.Entry cp = lastCheckpoint;
    return new LogStatus(
        tree.size(),
        Hashes.text(chain.head()),
        writable && !closed,
        keys.activeName(),
        cp == null ? null : cp.note(),
        chain.logId());
  }

  /** The home directory. */
  public Path home() {
    return home;
  }

  /**
   * Syncs any asynchronous records, signs a last checkpoint, releases the lock and closes the
   * files. Idempotent; never throws (a failure is logged).
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    if (flusher != null) {
      // shutdown, not shutdownNow: interrupting a thread inside FileChannel.force closes the
      // channel.
      flusher.shutdown();
      try {
        flusher.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    AsyncSyncer s;
    synchronized (this) {
      s = syncer;
      if (s != null) {
        s.requestStop();
      }
    }
    if (s != null) {
      s.finish();
    }
    try {
      if (writable) {
        checkpoint();
      }
    } catch (ProvenanceException e) {
      LOG.error("provenance log {}: final sync failed: {}", logDir, e.getMessage());
    }
    synchronized (writeLock) {
      if (index != null) {
        try {
          index.sync();
        } catch (IOException e) {
          LOG.debug("index sync failed", e);
        }
        closeQuietly(index);
        index = null;
      }
    }
    synchronized (this) {
      closed = true;
      closeQuietly(store);
      closeQuietly(checkpoints);
      if (!readOnly) {
        closeQuietly(lockChannel);
        LOCKED_IN_THIS_JVM.remove(logDir.resolve("LOCK"));
      }
    }
  }

  private void ensureOpen() throws ProvenanceException {
    if (closed) {
      throw new ProvenanceException("provenance log " + logDir + " is closed");
    }
  }

  private void ensureWritable() throws ProvenanceException {
    ensureOpen();
    if (readOnly) {
      throw new ProvenanceException("provenance log " + logDir + " is open read-only");
    }
    if (!writable) {
      throw new ProvenanceException(
          "provenance log " + logDir + " refuses appends after a failed write; reopen it");
    }
  }

  private byte[] randomBytes(int n) {
    return randomPool.take(n);
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
