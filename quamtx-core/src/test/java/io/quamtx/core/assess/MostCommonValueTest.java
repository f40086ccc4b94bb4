package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bitstring estimate from set bits against the estimate on the expanded bitstring. */
class MostCommonValueTest {
  @ParameterizedTest(name = "{0} bits")
  @ValueSource(ints = {1, 2, 3, 4, 6, 8})
  void bitstringFromSetBitsEqualsExpandedBitstring(int bits) {
    Random r = new Random(bits);
    byte[] data = new byte[5000];
    for (int i = 0; i < data.length; i++) {
      // skewed towards small values, so ones and zeros differ in number
      data[i] = (byte) Math.min((1 << bits) - 1, r.nextInt(1 << bits) * r.nextInt(2));
    }
    Samples s = Samples.of(data, bits);
    Estimate expanded = MostCommonValue.estimate(s.bitstring(), 2);
    Estimate counted = MostCommonValue.ofBitstring(s.raw(), bits);
    assertEquals(expanded, counted);
  }
}
