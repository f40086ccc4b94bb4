package io.quamtx.core.reservoir;

import java.util.Arrays;
import java.util.List;

/**
 * Material taken from a {@link Reservoir}, with where each part came from.
 *
 * <p>The caller owns {@link #bytes()} and should {@link #wipe()} it once used. Not thread-safe.
 */
public final class Draw {
  private final byte[] bytes;
  private final List<Contribution> contributions;

  Draw(byte[] bytes, List<Contribution> contributions) {
    this.bytes = bytes;
    this.contributions = List.copyOf(contributions);
  }

  /** The material itself (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /** One entry per source that contributed, in the order of their first block. */
  public List<Contribution> contributions() {
    return contributions;
  }

  /** Total min-entropy of the draw, in bits. */
  public int minEntropyBits() {
    int bits = 0;
    for (Contribution c : contributions) {
      bits += c.minEntropyBits();
    }
    return bits;
  }

  /** Overwrites the material with zeros. */
  public void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }
}
