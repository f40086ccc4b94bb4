package io.quamtx.core.assess;

/**
 * SP 800-90B section 6.3.7, the Multi Most Common in Window predictor: four sub-predictors guess
 * the most common value in the last 63, 255, 1023 and 4095 samples; a scoreboard picks whose guess
 * counts. Tie rules follow NIST's tool, since they decide C: within a window the most recently seen
 * of the tied values wins, and on the scoreboard a later (wider) window wins a tie.
 */
final class MultiMcw {
  private static final int[] WINDOWS = {63, 255, 1023, 4095};

  private MultiMcw() {}

  /** The estimate, or null when there are no more samples than the widest window. */
  static Estimate estimate(byte[] s, int k) {
    int len = s.length;
    if (len < WINDOWS[3] + 1) {
      return null;
    }
    Window[] win = new Window[WINDOWS.length];
    for (int j = 0; j < win.length; j++) {
      win[j] = new Window(WINDOWS[j], k);
    }
    for (int i = 0; i < WINDOWS[3]; i++) {
      for (Window w : win) {
        if (i < w.size) {
          w.fill(s[i] & 0xff, i);
        }
      }
    }
    return predict(s, k, win);
  }

  private static Estimate predict(byte[] s, int k, Window[] win) {
    long[] score = new long[win.length];
    int winner = 0;
    long correct = 0;
    long run = 0;
    long longest = 0;
    for (int i = WINDOWS[0]; i < s.length; i++) {
      int x = s[i] & 0xff;
      if (win[winner].frequent == x) {
        correct++;
        longest = Math.max(longest, ++run);
      } else {
        run = 0;
      }
      for (int j = 0; j < win.length; j++) {
        if (i >= win[j].size && win[j].frequent == x && ++score[j] >= score[winner]) {
          winner = j;
        }
      }
      for (Window w : win) {
        if (i >= w.size) {
          w.slide(s, i);
        }
      }
    }
    return PredictionBound.estimate("MultiMCW", correct, s.length - WINDOWS[0], longest, k);
  }

  /** Counts over one sliding window, with the mode and the last position of every value. */
  private static final class Window {
    final int size;
    final long[] counts;
    final long[] lastSeen;
    long maxCount;
    int frequent;

    Window(int size, int k) {
      this.size = size;
      this.counts = new long[k];
      this.lastSeen = new long[k];
    }

    void fill(int x, int i) {
      if (maxCount <= ++counts[x]) {
        maxCount = counts[x];
        frequent = x;
      }
      lastSeen[x] = i;
    }

    void slide(byte[] s, int i) {
      int out = s[i - size] & 0xff;
      int in = s[i] & 0xff;
      counts[out]--;
      counts[in]++;
      lastSeen[in] = i;
      if (out != frequent && maxCount <= counts[in]) {
        maxCount = counts[in];
        frequent = in;
      } else if (out == frequent) {
        maxCount--;
        rescan(i - size);
      }
    }

    /** The mode left; among equal counts the value seen last wins. */
    private void rescan(long pos) {
      long bestPos = pos;
      for (int v = 0; v < counts.length; v++) {
        if (maxCount < counts[v] || (maxCount == counts[v] && bestPos <= lastSeen[v])) {
          maxCount = counts[v];
          frequent = v;
          bestPos = lastSeen[v];
        }
      }
    }
  }
}
