package io.quamtx.provenance.internal;

import java.util.Arrays;

/** A growable array of longs (record locators by sequence number). Not thread-safe. */
public final class LongArray {
  private long[] values = new long[1024];
  private int size;

  public void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = v;
  }

  public long get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
    return values[(int) index];
  }

  public int size() {
    return size;
  }
}
