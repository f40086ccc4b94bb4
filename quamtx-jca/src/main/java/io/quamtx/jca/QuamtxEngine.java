package io.quamtx.jca;

import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.drbg.Drbg;
import io.quamtx.core.drbg.DrbgConfig;
import io.quamtx.core.drbg.EntropyInput;
import io.quamtx.core.drbg.Mechanism;
import io.quamtx.core.reservoir.Draw;
import io.quamtx.core.reservoir.Reservoir;
import io.quamtx.drivers.rdseed.RdseedDriver;
import io.quamtx.provenance.ProvenanceLog;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * What the QUAMTX {@code SecureRandom}s draw from: a {@link Reservoir}, the fallback policy and the
 * provenance sink.
 *
 * <p>{@link #shared()} is the engine of the no-argument {@link QuamtxProvider}: made on first use
 * from the installed hardware drivers ({@link Reservoir#fromInstalledDrivers}: the first driver
 * that opens quickly, RDSEED through JNI, seeds alone, and the others are found and opened once the
 * first draw has been served), with the fallback policy of the property {@code quamtx.fallback}.
 * Tests and embedders build their own with {@link #builder()} and pass it to {@link
 * QuamtxProvider#QuamtxProvider(QuamtxEngine)}. When the property {@code quamtx.home} names a state
 * directory, the shared engine appends every draw to the {@link ProvenanceLog} there; if that log
 * cannot be opened, every draw fails closed.
 *
 * <p>Thread-safe. Draws wait on the reservoir only up to the deadline they are given.
 */
public final class QuamtxEngine implements AutoCloseable {
  private final Reservoir reservoir;
  private final Throwable reservoirFailure;
  private final FallbackPolicy fallback;
  private final ProvenanceSink sink;
  // What backs the output now: HARDWARE, or FALLBACK after the OS generator was used.
  private final AtomicReference<SourceClass> backing = new AtomicReference<>(SourceClass.HARDWARE);
  private final Duration seedDeadline;
  private final Duration hardwareDeadline;
  private final BooleanSupplier aesReady;
  // True for the shared engine: the first request after a first output starts the JCE's loading.
  private final boolean loadAesAfterFirstOutput;
  private final AtomicBoolean outputBegan = new AtomicBoolean();
  private volatile SecureRandom os;

  private QuamtxEngine(Builder b) {
    this.reservoir = b.reservoir;
    this.reservoirFailure = b.reservoirFailure;
    this.fallback = b.fallback;
    this.sink = b.sink;
    this.seedDeadline = b.seedDeadline;
    this.hardwareDeadline = b.hardwareDeadline;
    this.aesReady = b.aesReady;
    this.loadAesAfterFirstOutput = b.loadAesAfterFirstOutput;
  }

  private static final AtomicBoolean SHARED_STARTED = new AtomicBoolean();

  /** Set once the background load of the JCE's AES has ended, whether or not it worked. */
  private static volatile boolean jceLoaded;

  /** Whether the shared engine's background load of the JCE's AES has ended. */
  static boolean sharedAesLoaded() {
    return jceLoaded;
  }

  /** What the shared engine reports as {@link #aesReady()}. */
  private static final class JceLoaded implements BooleanSupplier {
    @Override
    public boolean getAsBoolean() {
      return jceLoaded;
    }
  }

  /**
   * The process-wide engine over the installed drivers, made on first call. Blocks while another
   * thread is making it (the JVM's class initialisation lock): at most until the first hardware
   * source has opened or every one has failed.
   */
  public static QuamtxEngine shared() {
    return Shared.ENGINE;
  }

  /**
   * Starts making {@link #shared()} on a daemon thread, which first loads the RDSEED shim, reads
   * the settings ({@link Settings}) on this thread meanwhile, and returns; later calls do nothing.
   * A failure is kept in the engine, whose draws then fail closed. No JCA provider is looked up
   * before the first output (the conditioning and the first DRBG hash with quamtx's own SHA-256);
   * the JCE is loaded only once a thread's first output has been served ({@link #outputBegan()}).
   */
  static void startShared() {
    if (SHARED_STARTED.compareAndSet(false, true)) {
      startDaemon(
          new Runnable() {
            @Override
            public void run() {
              loadRdseed();
              shared();
            }
          },
          "quamtx-start");
      Settings.read();
    }
  }

  /**
   * The shared engine's settings: the system, or else security, properties {@code quamtx.home} and
   * {@code quamtx.fallback}, read once. The first {@code getInstance} reads them ({@link
   * #startShared()}) while the engine's thread loads the RDSEED shim, because the first read of a
   * security property loads the {@code java.security} file: milliseconds on Java 17, several times
   * that on Java 25. The JVM's class initialisation hands them over: the engine's thread waits at
   * its first use until they are read. Without a provider, the engine's thread reads them itself.
   */
  private static final class Settings {
    static final String HOME;
    static final String FALLBACK;
    // Why the properties could not be read; the engine then fails closed.
    static final RuntimeException FAILURE;

    static {
      String home = null;
      String fallback = null;
      RuntimeException failure = null;
      try {
        home = property("quamtx.home");
        fallback = property("quamtx.fallback");
      } catch (RuntimeException e) {
        failure = e;
      }
      HOME = home;
      FALLBACK = fallback;
      FAILURE = failure;
    }

    /** Reads the settings if no thread has yet: calling it runs the static initialiser once. */
    static void read() {}
  }

  /** Lazy holder: the reservoir starts only when a QUAMTX SecureRandom is first used. */
  private static final class Shared {
    static final QuamtxEngine ENGINE;

    static {
      ENGINE = fromDrivers();
      sharedMade = true;
    }

    private static QuamtxEngine fromDrivers() {
      Builder b = builder();
      b.aesReady(new JceLoaded());
      b.loadAesAfterFirstOutput = true;
      if (Settings.FAILURE != null) {
        // Neither a configured log nor a fallback can be honoured: every draw fails closed.
        b.reservoirFailure = Settings.FAILURE;
        return b.build();
      }
      try {
        b.fallback(policy(Settings.FALLBACK));
      } catch (IllegalArgumentException e) {
        // A bad value must not open the fallback: keep DENY and say why once.
        LoggerFactory.getLogger(QuamtxEngine.class).warn("{}; fallback denied", e.getMessage());
      }
      String home = Settings.HOME;
      // The log opens (keys, signature provider, recovery) while the drivers open.
      FutureTask<ProvenanceLog> log = home == null ? null : openLogInBackground(Path.of(home));
      SHARED_STARTED.set(true);
      Reservoir reservoir = null;
      try {
        reservoir = openReservoir(claimsUnder(home));
      } catch (SourceUnavailableException | RuntimeException e) {
        b.reservoirFailure = e;
      }
      if (log != null) {
        try {
          b.provenance(new ProvenanceLogSink(awaitLog(log)));
        } catch (EntropyException e) {
          // Without the log no draw may happen: leave no reservoir and no fallback, so every draw
          // fails closed (an OS fallback would hand out bytes that no record covers).
          closeQuietly(reservoir);
          b.fallback(FallbackPolicy.DENY);
          b.reservoirFailure = e.getCause() != null ? e.getCause() : e;
          return b.build();
        }
      }
      if (reservoir != null) {
        b.reservoir(reservoir);
      }
      return b.build();
    }

    private static void closeQuietly(Reservoir reservoir) {
      if (reservoir != null) {
        reservoir.close();
      }
    }
  }

  /**
   * The reservoir over the installed drivers, RDSEED first and alone. The RDSEED driver is made
   * directly rather than found by a ServiceLoader scan, which costs the first draw of a fresh JVM
   * milliseconds; without the drivers module the scan finds whatever quick driver is installed.
   */
  private static Reservoir openReservoir(UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    SourceDriver rdseed;
    try {
      rdseed = new RdseedDriver();
    } catch (LinkageError e) {
      return Reservoir.fromInstalledDrivers(4096, claims);
    }
    return Reservoir.fromInstalledDrivers(4096, claims, rdseed);
  }

  /** Starts {@link ProvenanceLog#open(Path)} on a daemon thread. */
  private static FutureTask<ProvenanceLog> openLogInBackground(Path home) {
    FutureTask<ProvenanceLog> task =
        new FutureTask<>(
            new Callable<ProvenanceLog>() {
              @Override
              public ProvenanceLog call() throws EntropyException {
                return ProvenanceLog.open(home);
              }
            });
    startDaemon(task, "quamtx-open-log");
    return task;
  }

  /**
   * The opened log.
   *
   * @throws EntropyException whose cause is why the log could not be opened
   */
  private static ProvenanceLog awaitLog(FutureTask<ProvenanceLog> log) throws EntropyException {
    try {
      return log.get();
    } catch (ExecutionException e) {
      throw new EntropyException("provenance log cannot be opened", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EntropyException("interrupted while opening the provenance log", e);
    }
  }

  /**
   * Gives each source the claim of an assessment saved under {@code home}, if there is one.
   * Deliberately outside the {@code Shared} holder: the driver threads call this while the holder
   * is still being initialised, and a lambda of the holder would make them wait for the end of that
   * initialisation, which itself waits for them (a deadlock whenever {@code quamtx.home} is set).
   */
  private static UnaryOperator<EntropySource> claimsUnder(String home) {
    if (home == null) {
      return Reservoir.AS_IS;
    }
    Path dir = Path.of(home);
    return s -> Assessments.apply(dir, s.id(), s);
  }

  /**
   * Loads the RDSEED shim (JNI, CPUID, the kernel's flag) before the engine is built, while the
   * thread that started it reads the settings; opening the driver then finds it done. Without the
   * drivers module this does nothing; on a CPU without RDSEED it learns what the driver learns
   * again later.
   */
  private static void loadRdseed() {
    try {
      new RdseedDriver().isAvailable();
    } catch (LinkageError e) {
      // No drivers module: the engine finds its drivers by ServiceLoader.
    }
  }

  /** Starts {@code task} on a new daemon thread named {@code name}. */
  private static void startDaemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private static final AtomicBoolean WARMED = new AtomicBoolean();

  /** Set once {@link Shared#ENGINE} is made, whether or not its reservoir opened. */
  private static volatile boolean sharedMade;

  /**
   * {@link #shared()}, for a thread about to draw from it. While the engine is still being made,
   * the first such thread first warms a throwaway Hash_DRBG ({@link #warmHashDrbg()}), the DRBG a
   * thread starts on, instead of only waiting: its classes and code are then loaded by the time the
   * first seed is ready.
   */
  static QuamtxEngine sharedForDraw() {
    if (!sharedMade && WARMED.compareAndSet(false, true)) {
      try {
        warmHashDrbg();
      } catch (EntropyException | RuntimeException e) {
        // The DRBG's real instantiation reports it, with its context.
      }
    }
    return shared();
  }

  /**
   * Instantiates a Hash_DRBG on an all-zero seed, generates once and drops it: the classes and code
   * of a thread's first DRBG are then loaded while the first seed is still being conditioned. No
   * secret is involved and nothing leaves this method.
   */
  private static void warmHashDrbg() throws EntropyException {
    EntropyInput zeros =
        new EntropyInput() {
          @Override
          public byte[] get(int bits, int min, int max, boolean pr) {
            return new byte[min];
          }
        };
    Drbg d =
        Drbg.instantiate(
            DrbgConfig.builder().mechanism(Mechanism.HASH_SHA_256).ownSha256(true).build(),
            zeros,
            new byte[0]);
    d.generate(new byte[64], 0, 64, new byte[0], false);
    d.uninstantiate();
  }

  /**
   * Loads the JCE's AES (the CTR_DRBG's cipher) on a daemon thread and then sets {@link
   * #jceLoaded}. Until then a thread's first DRBG is a Hash_DRBG over quamtx's own SHA-256 ({@link
   * ThreadDrbg}), so the first output waits neither for the JCE's first use (the walk of the
   * provider list up to SunJCE, the jurisdiction policy) nor for the CPU it takes. Only an all-zero
   * throwaway key is used and its output is dropped: no secret is involved. A failure also sets the
   * flag: the CTR_DRBG's own instantiation then reports it, with its context.
   */
  private static void loadCryptoInBackground() {
    startDaemon(
        new Runnable() {
          @Override
          public void run() {
            try {
              warmCrypto();
            } finally {
              jceLoaded = true;
            }
          }
        },
        "quamtx-load-jce");
  }

  private static void warmCrypto() {
    byte[] zero = new byte[48];
    try {
      javax.crypto.spec.SecretKeySpec aes = new javax.crypto.spec.SecretKeySpec(zero, 0, 32, "AES");
      javax.crypto.Cipher ctr = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          aes,
          new javax.crypto.spec.IvParameterSpec(zero, 0, 16));
      ctr.doFinal(zero);
      javax.crypto.Cipher ecb = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(javax.crypto.Cipher.ENCRYPT_MODE, aes);
      ecb.doFinal(zero, 0, 16);
    } catch (java.security.GeneralSecurityException e) {
      // The CTR_DRBG's instantiation reports it, with its context.
    }
  }

  private static String property(String name) {
    String v = System.getProperty(name);
    return v != null ? v : Security.getProperty(name);
  }

  /**
   * The fallback policy a {@code quamtx.fallback} value names; DENY for none.
   *
   * @throws IllegalArgumentException naming the value when it is neither {@code deny} nor {@code
   *     os}
   */
  static FallbackPolicy policy(String v) {
    if (v == null || v.isBlank()) {
      return FallbackPolicy.DENY;
    }
    try {
      return FallbackPolicy.valueOf(v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("quamtx.fallback=" + v + "; allowed: deny, os", e);
    }
  }

  /**
   * A builder with no reservoir, fallback DENY, no provenance, 2 s seed and 10 s hardware waits.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Material and the class of output it backs. */
  record Material(byte[] bytes, SourceClass outputClass) {}

  /**
   * Draws seed material for a DRBG ({@code hardware == false}) or full-entropy output.
   *
   * @param wait how long to wait for the reservoir; zero never waits
   * @param mayFallBack false for an optional reseed, which should never downgrade the class
   * @throws EntropyException when no healthy source has it and the policy forbids the fallback
   */
  Material draw(int bytes, String purpose, boolean hardware, Duration wait, boolean mayFallBack)
      throws EntropyException {
    SourceClass cls = hardware ? SourceClass.HARDWARE : SourceClass.CONDITIONED;
    if (reservoir == null) {
      return fallbackOrThrow(bytes, purpose, hardware || !mayFallBack, reservoirFailure);
    }
    Draw draw;
    try {
      draw = reservoir.take(bytes, wait);
    } catch (EntropyException e) {
      return fallbackOrThrow(bytes, purpose, hardware || !mayFallBack, e);
    }
    backedBy(SourceClass.HARDWARE, "hardware entropy healthy again", draw.bytes());
    record(
        new SeedRecord(
            purpose,
            cls,
            bytes,
            draw.minEntropyBits(),
            draw.contributions(),
            Instant.now(),
            hardware ? draw.bytes() : null),
        draw.bytes());
    return new Material(draw.bytes(), cls);
  }

  private Material fallbackOrThrow(int bytes, String purpose, boolean noFallback, Throwable cause)
      throws EntropyException {
    if (fallback != FallbackPolicy.OS || noFallback) {
      throw new EntropyException(
          "no healthy hardware entropy for "
              + purpose
              + " and "
              + why(noFallback)
              + ": "
              + (cause == null ? "no reservoir" : cause.getMessage()),
          cause);
    }
    byte[] b = osRandom().generateSeed(bytes);
    backedBy(
        SourceClass.FALLBACK,
        "no healthy hardware entropy: " + (cause == null ? "no reservoir" : cause.getMessage()),
        b);
    record(
        new SeedRecord(purpose, SourceClass.FALLBACK, bytes, 0, List.of(), Instant.now(), null), b);
    return new Material(b, SourceClass.FALLBACK);
  }

  private String why(boolean noFallback) {
    return noFallback
        ? "this draw never falls back"
        : "the fallback policy is " + fallback.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Notes what backs the output from now on, recording a {@code source_change} when that differs
   * from before; if the record fails, {@code material} is erased and nothing is handed out.
   */
  private void backedBy(SourceClass now, String reason, byte[] material) throws EntropyException {
    SourceClass before = backing.getAndSet(now);
    if (before == now) {
      return;
    }
    try {
      sink.sourceChanged(before, now, reason);
    } catch (RuntimeException e) {
      backing.set(before);
      java.util.Arrays.fill(material, (byte) 0);
      throw new EntropyException(
          "provenance record of the change to " + now.label() + " failed", e);
    }
  }

  private void record(SeedRecord r, byte[] material) throws EntropyException {
    try {
      sink.record(r);
    } catch (RuntimeException e) {
      java.util.Arrays.fill(material, (byte) 0);
      throw new EntropyException("provenance record failed for " + r.purpose(), e);
    }
  }

  private SecureRandom osRandom() throws EntropyException {
    SecureRandom r = os;
    if (r == null) {
      try {
        r = SecureRandom.getInstance("NativePRNGNonBlocking");
      } catch (NoSuchAlgorithmException e) {
        throw new EntropyException("no OS generator for the fallback", e);
      }
      os = r;
    }
    return r;
  }

  Duration seedDeadline() {
    return seedDeadline;
  }

  /**
   * Whether the CTR_DRBG's AES may be used without paying the JCE's first load on this thread; true
   * unless the engine was built with a readiness check that says otherwise.
   */
  boolean aesReady() {
    return aesReady == null || aesReady.getAsBoolean();
  }

  /**
   * Told by each thread's DRBG whenever it generates new output after its first (its next block or
   * a direct request). At the first call the reservoir opens the drivers it holds back ({@link
   * Reservoir#openLaterDrivers()}) and the shared engine starts loading the JCE's AES. Not at the
   * first output itself: threads that start then compete with that output for the CPU, which on two
   * cores cost it milliseconds. Cheap after the first call.
   */
  void outputBegan() {
    if (outputBegan.get() || !outputBegan.compareAndSet(false, true)) {
      return;
    }
    if (reservoir != null) {
      reservoir.openLaterDrivers();
    }
    if (loadAesAfterFirstOutput) {
      loadCryptoInBackground();
    }
  }

  Duration hardwareDeadline() {
    return hardwareDeadline;
  }

  /** The reservoir behind this engine, or null when none could be started. */
  public Reservoir reservoir() {
    return reservoir;
  }

  public FallbackPolicy fallback() {
    return fallback;
  }

  /** Closes the reservoir; later draws fail or fall back. */
  @Override
  public void close() {
    if (reservoir != null) {
      reservoir.close();
    }
  }

  /** Builds a {@link QuamtxEngine}; not thread-safe. */
  public static final class Builder {
    private Reservoir reservoir;
    private Throwable reservoirFailure;
    private FallbackPolicy fallback = FallbackPolicy.DENY;
    private ProvenanceSink sink = ProvenanceSink.NONE;
    private Duration seedDeadline = Duration.ofSeconds(2);
    private Duration hardwareDeadline = Duration.ofSeconds(10);
    private BooleanSupplier aesReady;
    private boolean loadAesAfterFirstOutput;

    private Builder() {}

    /**
     * Until {@code ready} says true, threads start on a provisional Hash_DRBG (see {@link
     * ThreadDrbg}); without it, AES counts as ready from the start.
     */
    Builder aesReady(BooleanSupplier ready) {
      this.aesReady = Objects.requireNonNull(ready, "ready");
      return this;
    }

    /** The reservoir to draw from; the engine closes it on {@link QuamtxEngine#close()}. */
    public Builder reservoir(Reservoir reservoir) {
      this.reservoir = Objects.requireNonNull(reservoir, "reservoir");
      return this;
    }

    public Builder fallback(FallbackPolicy policy) {
      this.fallback = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder provenance(ProvenanceSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** How long instantiation and a due reseed may wait for seed material (default 2 s). */
    public Builder seedDeadline(Duration d) {
      this.seedDeadline = positive(d, "seed deadline");
      return this;
    }

    /** How long a {@code QUAMTX-HARDWARE} request may wait on the sources (default 10 s). */
    public Builder hardwareDeadline(Duration d) {
      this.hardwareDeadline = positive(d, "hardware deadline");
      return this;
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " " + d + "; must be positive");
      }
      return d;
    }

    public QuamtxEngine build() {
      return new QuamtxEngine(this);
    }
  }
}
