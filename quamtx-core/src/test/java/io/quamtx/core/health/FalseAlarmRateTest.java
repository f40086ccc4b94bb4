package io.quamtx.core.health;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The corrected APT cutoff and the RCT cutoff give about the configured false-alarm rate on a
 * seeded ideal source whose samples have exactly the claimed min-entropy. The default runs use a
 * large alpha so alarms are frequent enough to count in a second; the long runs use smaller ones.
 */
class FalseAlarmRateTest {

  @Test
  void aptOnUniformNibblesAtAlphaTwoToMinusEight() {
    checkApt(4, 4, 8, 40_000, 1);
  }

  @Test
  void aptOnFairBitsAtAlphaTwoToMinusEight() {
    checkApt(1, 1, 8, 20_000, 2);
  }

  @Test
  void rctOnUniformNibblesAtAlphaTwoToMinusTwelve() {
    checkRct(4, 12, 20_000_000, 3);
  }

  @Tag("long")
  @Test
  void aptOnUniformBytesAtAlphaTwoToMinusSixteenLong() {
    checkApt(8, 8, 16, 2_000_000, 4);
  }

  @Tag("long")
  @Test
  void rctOnFairBitsAtAlphaTwoToMinusTwentyLong() {
    checkRct(1, 20, 400_000_000, 5);
  }

  /** Counts APT alarms over whole windows and compares with the exact binomial rate. */
  private static void checkApt(int bits, double entropy, int alphaLog2, int windows, long seed) {
    HealthCutoffs cutoffs = HealthCutoffs.create(bits, entropy, alphaLog2);
    AdaptiveProportionTest apt = new AdaptiveProportionTest(cutoffs.window(), cutoffs.aptCutoff());
    SplittableRandom r = new SplittableRandom(seed);
    int bound = 1 << bits;
    long alarms = 0;
    for (long i = 0; i < (long) windows * cutoffs.window(); i++) {
      if (apt.add(r.nextInt(bound)) > 0) {
        alarms++;
        // an alarm restarts the window; skip to the next window boundary to keep windows whole
        for (long j = i % cutoffs.window(); j < cutoffs.window() - 1; j++, i++) {
          r.nextInt(bound);
        }
      }
    }
    double rate = HealthCutoffs.aptFalseAlarmRate(cutoffs.window(), entropy, cutoffs.aptCutoff());
    assertTrue(rate <= Math.pow(2, -alphaLog2));
    assertNear(alarms, rate * windows, "APT alarms over " + windows + " windows");
  }

  /** Counts RCT alarms; an ideal source starts a run of C equal samples at rate (1-p)p^(C-1). */
  private static void checkRct(int bits, int alphaLog2, long samples, long seed) {
    RepetitionCountTest rct = new RepetitionCountTest(HealthCutoffs.rctCutoff(bits, alphaLog2));
    SplittableRandom r = new SplittableRandom(seed);
    int bound = 1 << bits;
    long alarms = 0;
    for (long i = 0; i < samples; i++) {
      if (rct.add(r.nextInt(bound)) > 0) {
        alarms++;
      }
    }
    double p = 1.0 / bound;
    double perSample = (1 - p) * Math.pow(p, rct.cutoff() - 1);
    assertTrue(perSample <= Math.pow(2, -alphaLog2));
    assertNear(alarms, perSample * samples, "RCT alarms over " + samples + " samples");
  }

  /** Poisson count within five standard deviations of its mean. */
  private static void assertNear(long observed, double mean, String what) {
    double slack = 5 * Math.sqrt(mean) + 1;
    assertTrue(
        Math.abs(observed - mean) <= slack, what + ": " + observed + ", expected about " + mean);
  }
}
