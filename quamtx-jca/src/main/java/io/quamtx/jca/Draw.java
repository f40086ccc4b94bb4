package io.quamtx.jca;

import io.quamtx.provenance.Receipt;
import java.util.Arrays;

/**
 * The bytes of one explicit draw and the provenance receipt that records it.
 *
 * <p>{@link #data()} returns a copy; {@link #erase()} zeroes the held bytes once they are used.
 */
public final class Draw {
  private final byte[] data;
  private final Receipt receipt;

  Draw(byte[] data, Receipt receipt) {
    this.data = data;
    this.receipt = receipt;
  }

  /** A copy of the drawn bytes. */
  public byte[] data() {
    return data.clone();
  }

  /** The durable provenance record of this draw, with the opening of its output commitment. */
  public Receipt receipt() {
    return receipt;
  }

  /** Overwrites the held bytes with zeros. */
  public void erase() {
    Arrays.fill(data, (byte) 0);
  }
}
