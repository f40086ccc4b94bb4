package io.quamtx.core.reservoir;

import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.Sources;
import io.quamtx.core.health.HealthTestedSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A bounded store of full-entropy material, filled in the background from health-tested sources.
 *
 * <p>Design: each source has a lane with its own daemon harvester thread ({@code
 * quamtx-harvest-<id>}) that reads health-tested raw samples through the HMAC-SHA-256 conditioner
 * ({@link io.quamtx.core.conditioning.HardwareEntropy}) into the lane's bounded queue. A lane holds
 * at most its share of the high-water mark; its harvester sleeps while the lane is full. Draws take
 * 32-byte blocks across lanes by the {@link Mixer} policy, so each source supplies its configured
 * share and a fast one cannot starve a slow one. Only conditioned full-entropy blocks enter the
 * reservoir: samples that failed a health test never do.
 *
 * <p>Sources may join after the start ({@link #fromDrivers(List, int)} adds each as its driver
 * opens it, quick drivers first and the others after the first draw); the high-water mark is then
 * split again by share.
 *
 * <p>Healthy means: at least one hardware source is usable and the fill is at or above the
 * low-water mark.
 *
 * <p>Thread-safe. {@link #take(int)} never waits; {@link #take(int, Duration)} waits up to its
 * deadline. {@link #close()} stops the harvesters promptly.
 */
public final class Reservoir implements AutoCloseable {
  private final List<Lane> lanes = new CopyOnWriteArrayList<>();
  private final List<Thread> harvesters = new CopyOnWriteArrayList<>();
  private final List<String> unjoined = new CopyOnWriteArrayList<>();
  private final int lowWater;
  private final int highWater;
  private final Duration harvestDeadline;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private final Condition filled = lock.newCondition();
  // Released by openLaterDrivers() and by close(): drivers opened later wait on it.
  private final CountDownLatch laterDrivers = new CountDownLatch(1);
  private volatile boolean closed;

  /** Keeps each source's own claim; a class, not {@code UnaryOperator.identity()}'s lambda. */
  public static final UnaryOperator<EntropySource> AS_IS =
      new UnaryOperator<EntropySource>() {
        @Override
        public EntropySource apply(EntropySource source) {
          return source;
        }
      };

  private Reservoir(Builder b) {
    this.lowWater = b.lowWater;
    this.highWater = b.highWater;
    this.harvestDeadline = b.harvestDeadline;
    // Loops, not lambdas or streams, on this and the take path: they run in a fresh JVM's first
    // draw, where each first lambda or stream pipeline costs milliseconds of bootstrap.
    for (Map.Entry<HealthTestedSource, Integer> e : b.shares.entrySet()) {
      lanes.add(new Lane(e.getKey(), e.getValue(), 1));
    }
    rebalance();
  }

  /** Splits the high-water mark between the lanes by share; caller holds the lock or owns this. */
  private void rebalance() {
    int totalShare = 0;
    for (Lane l : lanes) {
      totalShare += l.share;
    }
    for (Lane l : lanes) {
      l.capacityBlocks = Math.max(1, highWater / Lane.BLOCK * l.share / totalShare);
    }
  }

  /** A builder with low water 256 bytes, high water 4096 bytes, a 2 s harvest deadline. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a reservoir over every hardware source the installed drivers can open, each with share
   * 1. Fallback-class sources are left out: falling back is a separate, explicit policy.
   *
   * <p>The drivers are opened in parallel and each source joins as soon as it has opened, so this
   * returns once the first hardware source has joined; slower ones join later (see {@link
   * #fromDrivers(List, int)}).
   *
   * @throws SourceUnavailableException naming each driver's cause when no hardware source opens
   */
  public static Reservoir fromDrivers() throws SourceUnavailableException {
    return fromDrivers(4096);
  }

  /**
   * As {@link #fromDrivers()}, with a high-water mark of {@code highWater} bytes (low water 256).
   *
   * @throws SourceUnavailableException naming each driver's cause when no hardware source opens
   */
  public static Reservoir fromDrivers(int highWater) throws SourceUnavailableException {
    return fromDrivers(Sources.drivers(), highWater);
  }

  /**
   * Starts a reservoir over the hardware sources of {@code drivers}, each with share 1, opening
   * them in parallel (one daemon thread {@code quamtx-open-<id>} each). A source joins, and its
   * harvester starts, the moment its driver has opened it; this method returns as soon as the first
   * hardware source has joined, or throws once every driver has failed. So the fastest-starting
   * source supplies the first draws and a slow one (a vendor library, a serial device's handshake)
   * adds its lane later. Drivers that {@linkplain SourceDriver#opensQuickly() open quickly} are
   * opened first and alone; when one of them joins, the others are opened only when the owner says
   * its first draw has been served ({@link #openLaterDrivers()}) or after one second, whichever
   * comes first, so that on a small machine their start-up does not compete with it. When none of
   * them joins, the others are opened at once and this method waits for them. Material still enters
   * only after a source has passed its SP 800-90B start-up test. Sources that open after {@link
   * #close()} are closed at once.
   *
   * <p>Blocks until the first source has opened or every driver has given up.
   *
   * @throws SourceUnavailableException naming each driver's cause, in the order given, when no
   *     hardware source opens, or when interrupted while waiting
   */
  public static Reservoir fromDrivers(List<? extends SourceDriver> drivers, int highWater)
      throws SourceUnavailableException {
    return fromDrivers(drivers, highWater, AS_IS);
  }

  /**
   * As {@link #fromDrivers(List, int)}, with each raw source passed through {@code claims} before
   * it is health-tested: the place to replace a driver's default min-entropy claim with an assessed
   * one, so that the health-test cutoffs and the conditioning budget both rest on it.
   *
   * @param claims returns the source to use for each opened raw source (the same one or a wrapper
   *     of it); a {@link RuntimeException} from it keeps that source out and closes it
   * @throws SourceUnavailableException as {@link #fromDrivers(List, int)}
   */
  public static Reservoir fromDrivers(
      List<? extends SourceDriver> drivers, int highWater, UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    Reservoir r = new Reservoir(builder().waterMarks(Math.min(256, highWater), highWater));
    try {
      DriverStart.openAll(r, List.copyOf(drivers), Objects.requireNonNull(claims, "claims"));
    } catch (SourceUnavailableException | RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /**
   * As {@link #fromDrivers(List, int, UnaryOperator)} over the installed drivers ({@link
   * Sources#drivers()}), but without scanning them all first: the first installed driver that
   * {@linkplain SourceDriver#opensQuickly() opens quickly} ({@link Sources#firstQuickDriver()}) is
   * opened alone, and the full scan for the others runs on the thread that opens them later. When
   * no installed driver opens quickly, or the quick one does not join, this is {@link
   * #fromDrivers(List, int, UnaryOperator)} over all of them.
   *
   * @throws SourceUnavailableException naming each driver's cause when no hardware source opens
   */
  public static Reservoir fromInstalledDrivers(int highWater, UnaryOperator<EntropySource> claims)
      throws SourceUnavailableException {
    Optional<SourceDriver> quick = Sources.firstQuickDriver();
    if (quick.isEmpty()) {
      return fromDrivers(Sources.drivers(), highWater, claims);
    }
    return fromInstalledDrivers(highWater, claims, quick.get());
  }

  /**
   * As {@link #fromInstalledDrivers(int, UnaryOperator)}, with {@code quick} as the driver opened
   * first and alone instead of one found by a {@link java.util.ServiceLoader} scan, which costs a
   * fresh JVM's first draw milliseconds. The later scan for the others leaves out installed drivers
   * with the id of {@code quick}.
   *
   * @throws SourceUnavailableException naming each driver's cause when no hardware source opens
   */
  public static Reservoir fromInstalledDrivers(
      int highWater, UnaryOperator<EntropySource> claims, SourceDriver quick)
      throws SourceUnavailableException {
    return quickThen(highWater, claims, quick, othersThan(quick.id()));
  }

  /**
   * Opens {@code quick} alone, then what {@code rest} lists (see {@link #fromInstalledDrivers}).
   */
  static Reservoir quickThen(
      int highWater,
      UnaryOperator<EntropySource> claims,
      SourceDriver quick,
      Supplier<List<SourceDriver>> rest)
      throws SourceUnavailableException {
    Reservoir r = new Reservoir(builder().waterMarks(Math.min(256, highWater), highWater));
    try {
      DriverStart.openQuickFirst(r, List.of(quick), rest, Objects.requireNonNull(claims));
    } catch (SourceUnavailableException | RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** The installed drivers except the one with {@code id}, scanned when asked for. */
  private static Supplier<List<SourceDriver>> othersThan(String id) {
    return new Supplier<List<SourceDriver>>() {
      @Override
      public List<SourceDriver> get() {
        List<SourceDriver> others = new ArrayList<>(Sources.drivers());
        others.removeIf(d -> d.id().equals(id));
        return others;
      }
    };
  }

  /**
   * Adds a lane for {@code source} and starts its harvester, unless the reservoir is closed.
   *
   * @return false, with the source closed, when the reservoir was already closed
   */
  boolean join(HealthTestedSource source, int share) {
    lock.lock();
    try {
      if (closed) {
        source.source().close();
        return false;
      }
      Lane lane = new Lane(source, share, 1);
      lanes.add(lane);
      rebalance();
      startHarvester(lane);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void startHarvesters() {
    for (Lane lane : lanes) {
      startHarvester(lane);
    }
  }

  private void startHarvester(Lane lane) {
    Thread t =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                harvest(lane);
              }
            },
            "quamtx-harvest-" + lane.id());
    t.setDaemon(true);
    harvesters.add(t);
    t.start();
  }

  private void harvest(Lane lane) {
    new Harvester(this, lane).run();
  }

  /** Blocks until the lane has room; false when closed. */
  boolean awaitRoom(Lane lane) throws InterruptedException {
    lock.lock();
    try {
      while (!closed && lane.room() <= 0) {
        drained.await();
      }
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  int room(Lane lane) {
    lock.lock();
    try {
      return lane.room();
    } finally {
      lock.unlock();
    }
  }

  void deposit(Lane lane, byte[] material) {
    lock.lock();
    try {
      for (int pos = 0; pos < material.length && lane.room() > 0; pos += Lane.BLOCK) {
        byte[] block = new byte[Lane.BLOCK];
        System.arraycopy(material, pos, block, 0, Lane.BLOCK);
        lane.blocks.addLast(block);
        lane.harvestedBytes += Lane.BLOCK;
      }
      lane.unavailable = false;
      filled.signalAll();
    } finally {
      lock.unlock();
    }
    java.util.Arrays.fill(material, (byte) 0);
  }

  void recordError(Lane lane) {
    lock.lock();
    try {
      lane.errors++;
      lane.unavailable = true;
    } finally {
      lock.unlock();
    }
  }

  /** Notes why a driver that was tried did not join, as {@code id: cause}. */
  void noteUnjoined(String cause) {
    unjoined.add(cause);
  }

  /**
   * Why each driver tried by {@link #fromDrivers(List, int, UnaryOperator)} or {@link
   * #fromInstalledDrivers} did not join, as {@code id: cause}, in the order they gave up. Drivers
   * opened after the first draw are included once they have given up, and so is a failed scan for
   * them ({@code driver scan: ...}). Empty for a reservoir built with {@link #builder()}.
   * Thread-safe; a snapshot.
   */
  public List<String> unjoined() {
    return List.copyOf(unjoined);
  }

  /**
   * Opens now the drivers that {@link #fromDrivers(List, int, UnaryOperator)} and {@link
   * #fromInstalledDrivers(int, UnaryOperator)} hold back behind the quick ones, instead of when
   * their grace ends. The owner calls this once its first draw has been served, so that their
   * start-up (a ServiceLoader scan, JNA, a device's handshake) does not compete with that draw for
   * the CPU. Later calls, and calls on a reservoir without such drivers, do nothing. Thread-safe.
   */
  public void openLaterDrivers() {
    laterDrivers.countDown();
  }

  /** Waits until {@link #openLaterDrivers()} or close, at most {@code timeout}. */
  void awaitLaterDrivers(Duration timeout) throws InterruptedException {
    laterDrivers.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  Duration harvestDeadline() {
    return harvestDeadline;
  }

  boolean closed() {
    return closed;
  }

  /**
   * Takes {@code bytes} of full-entropy material now, without waiting.
   *
   * @throws EntropyException when the reservoir is closed or holds less than {@code bytes}
   */
  public Draw take(int bytes) throws EntropyException {
    return take(bytes, Duration.ZERO);
  }

  /**
   * Takes {@code bytes} of full-entropy material, waiting up to {@code deadline} for the harvesters
   * to supply it.
   *
   * @throws EntropyException when closed, or when not enough material arrived in time; nothing is
   *     consumed in that case
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public Draw take(int bytes, Duration deadline) throws EntropyException {
    if (bytes <= 0) {
      throw new IllegalArgumentException("draw of " + bytes + " bytes; must be positive");
    }
    int blocks = (bytes + Lane.BLOCK - 1) / Lane.BLOCK;
    lock.lock();
    try {
      return mix(bytes, blocks, awaitMaterial(blocks, deadline));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EntropyException("interrupted while waiting for " + bytes + " bytes", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the lanes usable now hold {@code blocks} blocks, and answers those lanes. A lane's
   * health changes on its harvester's thread, outside this lock, so the draw that follows uses this
   * one snapshot: a lane failing meanwhile cannot leave the draw short halfway through.
   */
  private List<Lane> awaitMaterial(int blocks, Duration deadline)
      throws EntropyException, InterruptedException {
    long nanos = deadline.toNanos();
    while (!closed) {
      List<Lane> usable = new ArrayList<>(lanes.size());
      int held = 0;
      for (Lane l : lanes) {
        if (l.usable()) {
          usable.add(l);
          held += l.blocks.size();
        }
      }
      if (held >= blocks) {
        return usable;
      }
      if (nanos <= 0) {
        throw new EntropyException(
            "reservoir holds "
                + held * Lane.BLOCK
                + " usable bytes, "
                + blocks * Lane.BLOCK
                + " needed"
                + describeSources());
      }
      nanos = filled.awaitNanos(nanos);
    }
    throw new EntropyException("reservoir is closed");
  }

  private String describeSources() {
    StringBuilder sb = new StringBuilder("; sources:");
    for (Lane l : lanes) {
      sb.append(' ').append(l.id()).append('=').append(l.state());
    }
    return sb.toString();
  }

  private Draw mix(int bytes, int blocks, List<Lane> usable) {
    byte[] out = new byte[bytes];
    Map<Lane, Integer> used = new LinkedHashMap<>();
    for (int i = 0; i < blocks; i++) {
      Lane lane = Mixer.next(usable);
      byte[] block = lane.blocks.removeFirst();
      int n = Math.min(Lane.BLOCK, bytes - i * Lane.BLOCK);
      System.arraycopy(block, 0, out, i * Lane.BLOCK, n);
      java.util.Arrays.fill(block, (byte) 0);
      lane.contributedBytes += n;
      Integer before = used.get(lane);
      used.put(lane, before == null ? n : before + n);
    }
    drained.signalAll();
    List<Contribution> parts = new ArrayList<>(used.size());
    for (Map.Entry<Lane, Integer> e : used.entrySet()) {
      EntropySource s = e.getKey().source.source();
      int n = e.getValue();
      parts.add(new Contribution(e.getKey().id(), s.sourceClass(), n, n * 8, s.minEntropyBasis()));
    }
    return new Draw(out, parts);
  }

  /** Conditioned bytes held now, across all lanes. */
  public int fill() {
    lock.lock();
    try {
      return lanes.stream().mapToInt(l -> l.blocks.size()).sum() * Lane.BLOCK;
    } finally {
      lock.unlock();
    }
  }

  public int lowWater() {
    return lowWater;
  }

  public int highWater() {
    return highWater;
  }

  /** At least one hardware source usable and the fill at or above the low-water mark. */
  public boolean healthy() {
    boolean hardware =
        lanes.stream()
            .anyMatch(l -> l.usable() && l.source.source().sourceClass() == SourceClass.HARDWARE);
    return !closed && hardware && fill() >= lowWater;
  }

  /** Waits up to {@code deadline} for the reservoir to become healthy; true if it did. */
  public boolean awaitHealthy(Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    lock.lock();
    try {
      while (!healthy()) {
        long left = end - System.nanoTime();
        if (left <= 0 || closed) {
          return false;
        }
        filled.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** One snapshot per source, in the order they were added. */
  public List<SourceStatus> sources() {
    lock.lock();
    try {
      return lanes.stream().map(Lane::status).toList();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the harvesters, closes the sources and wipes the stored material. Returns within about a
   * second even when a device read is blocked. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      laterDrivers.countDown();
      drained.signalAll();
      filled.signalAll();
    } finally {
      lock.unlock();
    }
    stopThreads();
  }

  private void stopThreads() {
    lanes.forEach(l -> l.source.source().close());
    harvesters.forEach(Thread::interrupt);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Thread t : harvesters) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    lock.lock();
    try {
      lanes.forEach(Lane::wipe);
    } finally {
      lock.unlock();
    }
  }

  /** Whether every harvester thread has ended; for tests and shutdown checks. */
  public boolean stopped() {
    return harvesters.stream().noneMatch(Thread::isAlive);
  }

  /** Builds and starts a {@link Reservoir}; not thread-safe. */
  public static final class Builder {
    private final Map<HealthTestedSource, Integer> shares = new LinkedHashMap<>();
    private int lowWater = 256;
    private int highWater = 4096;
    private Duration harvestDeadline = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * Adds a source contributing {@code share} blocks per mixing round.
     *
     * @throws IllegalArgumentException when {@code share} is not 1..1000 or the source was added
     */
    public Builder source(HealthTestedSource source, int share) {
      Objects.requireNonNull(source, "source");
      if (share < 1 || share > 1000) {
        throw new IllegalArgumentException("share " + share + " of " + source.source().id());
      }
      if (shares.putIfAbsent(source, share) != null) {
        throw new IllegalArgumentException("source " + source.source().id() + " added twice");
      }
      return this;
    }

    /**
     * Sets the water marks in bytes.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high} and {@code high >= 32}
     */
    public Builder waterMarks(int low, int high) {
      if (low < 0 || high < Lane.BLOCK || low > high) {
        throw new IllegalArgumentException("water marks low " + low + ", high " + high);
      }
      this.lowWater = low;
      this.highWater = high;
      return this;
    }

    /** How long one harvest of a few blocks may wait on a device. */
    public Builder harvestDeadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("harvest deadline " + deadline);
      }
      this.harvestDeadline = deadline;
      return this;
    }

    /**
     * Starts the harvester threads.
     *
     * @throws IllegalStateException when no source was added
     */
    public Reservoir start() {
      if (shares.isEmpty()) {
        throw new IllegalStateException("a reservoir needs at least one source");
      }
      Reservoir r = new Reservoir(this);
      r.startHarvesters();
      return r;
    }
  }
}
