package io.quamtx.core.reservoir;

import io.quamtx.core.SourceState;
import io.quamtx.core.conditioning.HardwareEntropy;
import io.quamtx.core.health.HealthTestedSource;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One source's part of the reservoir: its conditioner, its own bounded queue of 32-byte
 * full-entropy blocks, its share and counters. Guarded by the reservoir's lock, except the
 * conditioner, which only the lane's harvester thread uses. Its capacity shrinks when another
 * source joins the reservoir; blocks already held above it stay until drawn.
 */
final class Lane {
  static final int BLOCK = HardwareEntropy.OUTPUT_BITS / 8;

  final HealthTestedSource source;
  final HardwareEntropy conditioner;
  final int share;
  int capacityBlocks;
  final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
  long credit;
  long harvestedBytes;
  long contributedBytes;
  long errors;
  volatile boolean unavailable;
  volatile boolean stopped;

  Lane(HealthTestedSource source, int share, int capacityBlocks) {
    this.source = source;
    this.conditioner = new HardwareEntropy(source);
    this.share = share;
    this.capacityBlocks = capacityBlocks;
  }

  String id() {
    return source.source().id();
  }

  SourceState state() {
    SourceState s = source.state();
    if (s == SourceState.FAILED) {
      return s;
    }
    return stopped || unavailable ? SourceState.UNAVAILABLE : s;
  }

  boolean usable() {
    return !stopped && !unavailable && source.state().usable();
  }

  int room() {
    return capacityBlocks - blocks.size();
  }

  void wipe() {
    for (byte[] b : blocks) {
      Arrays.fill(b, (byte) 0);
    }
    blocks.clear();
  }

  SourceStatus status() {
    return new SourceStatus(
        id(),
        source.source().sourceClass(),
        state(),
        share,
        blocks.size() * BLOCK,
        harvestedBytes,
        contributedBytes,
        errors,
        source.source().claimedMinEntropy(),
        source.source().minEntropyBasis());
  }
}
