package io.quamtx.core.assess;

/**
 * SP 800-90B section 6.3.10, the LZ78Y predictor: a dictionary of contexts of length 1 to 16 (at
 * most 65,536 contexts in all) with counts of their followers; it predicts the follower counted
 * most often over all the contexts that match, a longer context winning a tie. Dictionary growth
 * follows NIST's tool: a matched context always counts its follower; a new context is added only
 * while the dictionary has room.
 */
final class Lz78y {
  private static final int B = 16;
  private static final int MAX_DICTIONARY = 65_536;

  private Lz78y() {}

  static Estimate estimate(byte[] s, int k) {
    if (s.length < B + 2) {
      return null;
    }
    return k == 2 ? binary(s) : general(s, k);
  }

  /** Counts hits and the longest run of hits. */
  private static final class Hits {
    long correct;
    long run;
    long longest;

    void record(boolean hit) {
      if (hit) {
        correct++;
        longest = Math.max(longest, ++run);
      } else {
        run = 0;
      }
    }
  }

  private static Estimate binary(byte[] s) {
    int[][] dict = new int[B][];
    int pattern = 0;
    for (int j = 0; j < B; j++) {
      dict[j] = new int[1 << (j + 2)];
      pattern |= s[B - j - 1] << j;
      dict[j][(pattern << 1) | s[B]] = 1;
    }
    int elems = B;
    Hits hits = new Hits();
    for (int i = B + 1; i < s.length; i++) {
      pattern = 0;
      for (int j = i - B; j < i; j++) {
        pattern = (pattern << 1) | s[j];
      }
      int y = s[i];
      long max = 0;
      int prediction = -1;
      for (int j = B; j > 0; j--) {
        int[] t = dict[j - 1];
        int at = (pattern & ((1 << j) - 1)) << 1;
        long count = Math.max(t[at], t[at + 1]);
        if (count != 0) {
          if (count > max) {
            max = count;
            prediction = t[at] > t[at + 1] ? 0 : 1;
          }
          t[at + y]++;
        } else if (elems < MAX_DICTIONARY) {
          t[at + y] = 1;
          elems++;
        }
      }
      hits.record(prediction == y);
    }
    return PredictionBound.estimate("LZ78Y", hits.correct, s.length - B - 1, hits.longest, 2);
  }

  private static Estimate general(byte[] s, int k) {
    ContextTable[] tables = new ContextTable[B];
    for (int j = 1; j <= B; j++) {
      tables[j - 1] = new ContextTable();
      long[] key = Contexts.forward(s, B - j, j);
      ContextTable t = tables[j - 1];
      t.increment(t.findOrAdd(key[0], key[1]), s[B] & 0xff, true);
    }
    int[] size = {B};
    Hits hits = new Hits();
    for (int i = B + 1; i < s.length; i++) {
      hits.record(step(s, i, tables, size) == (s[i] & 0xff));
    }
    return PredictionBound.estimate("LZ78Y", hits.correct, s.length - B - 1, hits.longest, k);
  }

  /** Predicts s[i] and counts it; returns the prediction or -1. */
  private static int step(byte[] s, int i, ContextTable[] tables, int[] size) {
    long[] full = Contexts.forward(s, i - B, B);
    int y = s[i] & 0xff;
    long max = 0;
    int prediction = -1;
    for (int j = B; j > 0; j--) {
      ContextTable t = tables[j - 1];
      long h = Contexts.high(full[0], j);
      long l = Contexts.low(full[1], j);
      int id = t.find(h, l);
      if (id >= 0) {
        if (t.predictionCount(id) > max) {
          max = t.predictionCount(id);
          prediction = t.prediction(id);
        }
        t.increment(id, y, true);
      } else if (size[0] < MAX_DICTIONARY) {
        t.increment(t.findOrAdd(h, l), y, true);
        size[0]++;
      }
    }
    return prediction;
  }
}
