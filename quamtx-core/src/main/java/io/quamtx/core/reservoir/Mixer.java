package io.quamtx.core.reservoir;

import java.util.List;

/**
 * The mixing policy: smooth weighted round robin over the lanes, one 32-byte block at a time.
 *
 * <p>Every lane earns its share of credit per block drawn and the richest lane with material gives
 * the block. Credit persists across draws, so over any run of draws each lane supplies its share; a
 * lane whose queue is momentarily empty is skipped and keeps its credit (up to a cap, so a long
 * outage does not let it monopolise later draws). Because each lane has its own bounded queue, a
 * fast source can fill only its own queue and can never crowd a slow source out.
 */
final class Mixer {
  private static final int CREDIT_CAP_ROUNDS = 4;

  private Mixer() {}

  /**
   * The next lane to draw a block from, or null when none of {@code lanes} has material. The caller
   * passes only the lanes that were usable when it checked the material, not a fresh reading of
   * their health, so one draw sees one consistent set of lanes.
   */
  static Lane next(List<Lane> lanes) {
    long total = 0;
    Lane best = null;
    for (Lane lane : lanes) {
      total += lane.share;
      lane.credit = Math.min(lane.credit + lane.share, (long) lane.share * CREDIT_CAP_ROUNDS);
      if (!lane.blocks.isEmpty() && (best == null || lane.credit > best.credit)) {
        best = lane;
      }
    }
    if (best != null) {
      best.credit -= total;
    }
    return best;
  }
}
