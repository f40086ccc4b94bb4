package io.quamtx.core.assess;

/**
 * SP 800-90B section 6.3.9, the Multi Markov Model with Counting predictor: Markov models of order
 * 1 to 16, each table capped at 100,000 entries, each predicting the follower it has counted most
 * often after the current context; a scoreboard picks whose guess counts (a later, longer model
 * wins a tie). Updates and predictions interleave in the order NIST's tool uses, and a model whose
 * context has not been seen skips every longer model for that sample, as there.
 */
final class MultiMmc {
  private static final int D = 16;
  private static final int MAX_ENTRIES = 100_000;

  private MultiMmc() {}

  static Estimate estimate(byte[] s, int k) {
    return k == 2 ? binary(s) : general(s, k);
  }

  /** Keeps the score, the winner and the winner's run across the samples. */
  private static final class Score {
    final long[] board = new long[D];
    int winner;
    long correct;
    long run;
    long longest;

    void record(int d, int curWinner, boolean hit) {
      if (hit) {
        if (++board[d] >= board[winner]) {
          winner = d;
        }
        if (d == curWinner) {
          correct++;
          longest = Math.max(longest, ++run);
        }
      } else if (d == curWinner) {
        run = 0;
      }
    }
  }

  private static Estimate binary(byte[] s) {
    int[][] dict = new int[D][];
    int[] elems = new int[D];
    int pattern = 0;
    for (int d = 0; d < D; d++) {
      dict[d] = new int[1 << (d + 2)];
      pattern = (pattern << 1) | s[d];
      dict[d][((pattern & ((1 << (d + 1)) - 1)) << 1) | s[d + 1]] = 1;
      elems[d] = 1;
    }
    Score score = new Score();
    for (int i = 2; i < s.length; i++) {
      boolean found = false;
      int curWinner = score.winner;
      pattern = 0;
      int y = s[i];
      for (int d = 0; d < D && d <= i - 2; d++) {
        pattern |= s[i - d - 1] << d;
        int[] t = dict[d];
        int at = pattern << 1;
        int prediction = 0;
        if (d == 0 || found) {
          prediction = t[at] > t[at + 1] ? 0 : 1;
          found = Math.max(t[at], t[at + 1]) != 0;
        }
        if (found) {
          score.record(d, curWinner, prediction == y);
          if (t[at + y] != 0) {
            t[at + y]++;
          } else if (elems[d] < MAX_ENTRIES) {
            t[at + y] = 1;
            elems[d]++;
          }
        } else if (elems[d] < MAX_ENTRIES) {
          t[at + y] = 1;
          elems[d]++;
        }
      }
    }
    return PredictionBound.estimate("MultiMMC", score.correct, s.length - 2, score.longest, 2);
  }

  private static Estimate general(byte[] s, int k) {
    ContextTable[] tables = new ContextTable[D];
    int[] entries = new int[D];
    for (int d = 0; d < D; d++) {
      tables[d] = new ContextTable();
      if (d < s.length - 2) {
        long[] key = Contexts.forward(s, 0, d + 1);
        tables[d].increment(tables[d].findOrAdd(key[0], key[1]), s[d + 1] & 0xff, true);
        entries[d] = 1;
      }
    }
    Score score = new Score();
    for (int i = 2; i < s.length; i++) {
      step(s, i, tables, entries, score);
    }
    return PredictionBound.estimate("MultiMMC", score.correct, s.length - 2, score.longest, k);
  }

  private static void step(byte[] s, int i, ContextTable[] tables, int[] entries, Score score) {
    boolean found = false;
    int curWinner = score.winner;
    long h = 0;
    long l = 0;
    int y = s[i] & 0xff;
    for (int d = 0; d < D && d <= i - 2; d++) {
      long sym = s[i - d - 1] & 0xffL;
      if (d < 8) {
        l |= sym << (8 * d);
      } else {
        h |= sym << (8 * (d - 8));
      }
      ContextTable t = tables[d];
      int id = -1;
      if (d == 0 || found) {
        id = t.find(h, l);
        found = id >= 0;
      }
      if (found) {
        score.record(d, curWinner, t.prediction(id) == y);
        if (t.increment(id, y, entries[d] < MAX_ENTRIES)) {
          entries[d]++;
        }
      } else if (entries[d] < MAX_ENTRIES) {
        t.increment(t.findOrAdd(h, l), y, true);
        entries[d]++;
      }
    }
  }
}
