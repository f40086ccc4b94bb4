package io.quamtx.core.assess;

import java.util.Arrays;

/**
 * A table of contexts (up to 16 symbols, packed into two longs) and the counts of the symbols that
 * followed each, for the MultiMMC and LZ78Y predictors on non-binary samples. Open addressing keeps
 * it to flat arrays. Each context remembers its most frequent follower; on equal counts the larger
 * symbol wins, which is the reference tool's rule and decides its hit count.
 */
final class ContextTable {
  private long[] hi = new long[1 << 12];
  private long[] lo = new long[1 << 12];
  private int[] slotId = newSlots(1 << 12);
  private int contexts;
  private int[] bestSymbol = new int[1 << 11];
  private long[] bestCount = new long[1 << 11];
  private long[] pairKey = new long[1 << 12];
  private long[] pairCount = new long[1 << 12];
  private int pairs;

  /** The id of a context, or -1. */
  int find(long h, long l) {
    int mask = slotId.length - 1;
    for (int s = mix(h, l) & mask; ; s = (s + 1) & mask) {
      int id = slotId[s];
      if (id < 0) {
        return -1;
      }
      if (hi[s] == h && lo[s] == l) {
        return id;
      }
    }
  }

  /** The id of a context, added if new. */
  int findOrAdd(long h, long l) {
    int id = find(h, l);
    if (id >= 0) {
      return id;
    }
    if (2 * (contexts + 1) > slotId.length) {
      growContexts();
    }
    id = contexts++;
    place(h, l, id);
    if (id == bestSymbol.length) {
      bestSymbol = Arrays.copyOf(bestSymbol, 2 * id);
      bestCount = Arrays.copyOf(bestCount, 2 * id);
    }
    return id;
  }

  /** The most frequent follower of context {@code id}. */
  int prediction(int id) {
    return bestSymbol[id];
  }

  /** How often the most frequent follower of context {@code id} followed it. */
  long predictionCount(int id) {
    return bestCount[id];
  }

  /**
   * Counts {@code y} after context {@code id}; a pair not yet seen is added only if {@code
   * makeNew}.
   *
   * @return whether a new pair was added
   */
  boolean increment(int id, int y, boolean makeNew) {
    long key = ((long) id << 8) | y;
    int mask = pairKey.length - 1;
    int s = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (pairKey[s] != 0 && pairKey[s] != key + 1) {
      s = (s + 1) & mask;
    }
    boolean added = false;
    if (pairKey[s] == 0) {
      if (!makeNew) {
        return false;
      }
      pairKey[s] = key + 1;
      added = true;
      pairs++;
    }
    long c = ++pairCount[s];
    if (c > bestCount[id] || (c == bestCount[id] && y > bestSymbol[id])) {
      bestCount[id] = c;
      bestSymbol[id] = y;
    }
    if (added && 2 * pairs > pairKey.length) {
      growPairs();
    }
    return added;
  }

  private void place(long h, long l, int id) {
    int mask = slotId.length - 1;
    int s = mix(h, l) & mask;
    while (slotId[s] >= 0) {
      s = (s + 1) & mask;
    }
    hi[s] = h;
    lo[s] = l;
    slotId[s] = id;
  }

  private void growContexts() {
    long[] oh = hi;
    long[] ol = lo;
    int[] oid = slotId;
    hi = new long[oh.length * 2];
    lo = new long[oh.length * 2];
    slotId = newSlots(oh.length * 2);
    for (int s = 0; s < oid.length; s++) {
      if (oid[s] >= 0) {
        place(oh[s], ol[s], oid[s]);
      }
    }
  }

  private void growPairs() {
    long[] ok = pairKey;
    long[] oc = pairCount;
    pairKey = new long[ok.length * 2];
    pairCount = new long[ok.length * 2];
    int mask = pairKey.length - 1;
    for (int s = 0; s < ok.length; s++) {
      if (ok[s] != 0) {
        int t = Long.hashCode((ok[s] - 1) * 0x9E3779B97F4A7C15L) & mask;
        while (pairKey[t] != 0) {
          t = (t + 1) & mask;
        }
        pairKey[t] = ok[s];
        pairCount[t] = oc[s];
      }
    }
  }

  private static int[] newSlots(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  private static int mix(long h, long l) {
    long x = (l * 0x9E3779B97F4A7C15L) ^ (h * 0xC2B2AE3D27D4EB4FL);
    return (int) (x ^ (x >>> 29) ^ (x >>> 41));
  }
}
