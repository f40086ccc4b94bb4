package io.quamtx.core.assess;

/**
 * SP 800-90B section 6.3.8, the Lag predictor: sub-predictor d guesses the sample d back, for d = 1
 * to 128. For each new sample we only visit the lags at which the same value occurred (kept per
 * value in a ring of its last 128 positions), which are exactly the sub-predictors that scored.
 * Among equal scores the lag that scored last wins, as in NIST's tool.
 */
final class Lag {
  private static final int D = 128;

  private Lag() {}

  static Estimate estimate(byte[] s, int k) {
    long[] score = new long[D];
    int[][] ring = new int[k][D];
    int[] count = new int[k];
    int winner = 0;
    long high = 0;
    long correct = 0;
    long run = 0;
    long longest = 0;
    count[s[0] & 0xff] = 1;
    for (int i = 1; i < s.length; i++) {
      int x = s[i] & 0xff;
      if (i - winner - 1 >= 0 && x == (s[i - winner - 1] & 0xff)) {
        correct++;
        longest = Math.max(longest, ++run);
      } else {
        run = 0;
      }
      int[] r = ring[x];
      for (int c = count[x] - 1; c >= Math.max(0, count[x] - D); c--) {
        int lag = i - r[c % D] - 1;
        if (lag >= D) {
          break;
        }
        if (++score[lag] >= high) {
          winner = lag;
          high = score[lag];
        }
      }
      r[count[x] % D] = i;
      count[x]++;
    }
    return PredictionBound.estimate("Lag", correct, s.length - 1, longest, k);
  }
}
