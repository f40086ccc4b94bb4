package io.quamtx.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bulk scans alarm at exactly the samples where feeding one sample at a time does. */
class ScanTest {

  @ParameterizedTest(name = "{0}-bit samples")
  @ValueSource(ints = {1, 2, 4, 8})
  void scanAlarmsWhereAddDoes(int bits) {
    byte[] data = new byte[300_000];
    int values = Math.min(1 << bits, 4);
    SplittableRandom r = new SplittableRandom(bits);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (r.nextInt(values) | (r.nextInt(4) << bits));
    }
    int mask = (1 << bits) - 1;
    int window = bits == 1 ? 1024 : 512;
    int aptCutoff = window / values + 12;
    List<Integer> expected = new ArrayList<>();
    RepetitionCountTest rct = new RepetitionCountTest(6);
    AdaptiveProportionTest apt = new AdaptiveProportionTest(window, aptCutoff);
    for (int i = 0; i < data.length; i++) {
      if (rct.add(data[i] & mask) > 0) {
        expected.add(i);
      }
      if (apt.add(data[i] & mask) > 0) {
        expected.add(-i - 1);
      }
    }
    assertTrue(expected.size() > 10, "the data must make both tests alarm: " + expected.size());
    assertEquals(expected, scanned(data, mask, 6, window, aptCutoff));
  }

  private static List<Integer> scanned(byte[] data, int mask, int rctCutoff, int w, int c) {
    RepetitionCountTest rct = new RepetitionCountTest(rctCutoff);
    AdaptiveProportionTest apt = new AdaptiveProportionTest(w, c);
    List<Integer> rctHits = new ArrayList<>();
    List<Integer> aptHits = new ArrayList<>();
    for (int from = 0; from < data.length; ) {
      int len = Math.min(777, data.length - from);
      int i = rct.scan(data, from, len, mask);
      from = i < 0 ? from + len : i + 1;
      if (i >= 0) {
        rctHits.add(i);
      }
    }
    for (int from = 0; from < data.length; ) {
      int len = Math.min(1000, data.length - from);
      int i = apt.scan(data, from, len, mask);
      from = i < 0 ? from + len : i + 1;
      if (i >= 0) {
        aptHits.add(-i - 1);
      }
    }
    List<Integer> merged = new ArrayList<>();
    int a = 0;
    for (int h : rctHits) {
      while (a < aptHits.size() && -aptHits.get(a) - 1 < h) {
        merged.add(aptHits.get(a++));
      }
      merged.add(h);
    }
    merged.addAll(aptHits.subList(a, aptHits.size()));
    return merged;
  }
}
