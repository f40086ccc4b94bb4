package io.quamtx.core.reservoir;

import io.quamtx.core.EntropyException;
import io.quamtx.core.HealthTestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of one lane's harvester thread: wait for room, condition a few blocks, deposit them. A
 * permanent health failure ends the lane; other failures back off and retry.
 */
final class Harvester implements Runnable {
  private static final int MAX_BATCH_BLOCKS = 8;
  private static final long MAX_BACKOFF_MS = 2000;

  private final Reservoir reservoir;
  private final Lane lane;
  private long backoffMs = 10;
  private boolean deposited;

  /** Loaded only when something goes wrong: SLF4J's discovery is kept off the start-up path. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Reservoir.class);
  }

  Harvester(Reservoir reservoir, Lane lane) {
    this.reservoir = reservoir;
    this.lane = lane;
  }

  @Override
  public void run() {
    try {
      boolean going = true;
      while (going && reservoir.awaitRoom(lane)) {
        going = harvestOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      Log.LOG.error("harvester for source {} stopped", lane.id(), e);
    } finally {
      lane.stopped = true;
    }
  }

  /** One batch; false when the lane must stop. */
  private boolean harvestOnce() throws InterruptedException {
    // The first batch is two blocks, a DRBG's entropy input and nonce: the first draw waits for it.
    int most = deposited ? MAX_BATCH_BLOCKS : 2;
    int blocks = Math.min(most, Math.max(1, reservoir.room(lane)));
    byte[] material = new byte[blocks * Lane.BLOCK];
    try {
      lane.conditioner.nextBytes(material, reservoir.harvestDeadline());
      reservoir.deposit(lane, material);
      deposited = true;
      backoffMs = 10;
      return true;
    } catch (HealthTestException e) {
      // Only a permanent failure reaches here; intermittent alarms are discarded below us.
      Log.LOG.error("source {} failed its health tests for good: {}", lane.id(), e.getMessage());
      reservoir.recordError(lane);
      return false;
    } catch (EntropyException e) {
      if (reservoir.closed()) {
        return false;
      }
      reservoir.recordError(lane);
      Thread.sleep(backoffMs);
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
      return true;
    }
  }
}
