package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte writer of fixed-shape records against the generic RFC 8785 canonicalizer. */
class CanonicalBytesTest {
  @Test
  void numbersMatchTheGenericForm() {
    Random rnd = new Random(0xC0FFEE); // seeded: a failure must be repeatable
    double[] edges = {
      0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.9, 24.0, 1e21, 1e-7, 123456789.0, -3.5, 9007199254740991.0
    };
    for (double d : edges) {
      assertNumber(d);
    }
    for (int i = 0; i < 2_000; i++) {
      long bits = rnd.nextLong();
      double d = Double.longBitsToDouble(bits);
      if (!Double.isNaN(d) && !Double.isInfinite(d)) {
        assertNumber(d);
      }
      assertNumber((double) (rnd.nextInt() >> rnd.nextInt(31)));
    }
  }

  @Test
  void integersMatchTheGenericFormAndStopAtTwoToTheFiftyThree() {
    long[] values = {0, 1, -1, 9, 10, 99, 100, -1000, 9007199254740992L, -9007199254740992L};
    for (long v : values) {
      assertEquals(Jcs.number(v), text(new CanonicalBytes(4).integer(v)));
    }
    assertThrows(
        IllegalArgumentException.class, () -> new CanonicalBytes(4).integer(9007199254740994L));
    assertThrows(IllegalArgumentException.class, () -> new CanonicalBytes(4).number(Double.NaN));
  }

  @Test
  void recurringStringsStayExactWhenTheirTableSlotsCollide() {
    // "Aa" and "BB" share a hash code, so they take the same slot and evict each other.
    String[] values = {"Aa", "BB", "Aa", "q\"uote", "BB", "caf\u00e9 \u20ac", "q\"uote", null};
    for (int round = 0; round < 3; round++) {
      for (String v : values) {
        CanonicalBytes out = new CanonicalBytes(2);
        out.recurringString(v);
        assertArrayEquals(Jcs.canonicalize(v), out.toByteArray(), () -> "value " + v);
      }
    }
  }

  private static void assertNumber(double d) {
    assertEquals(Jcs.number(d), text(new CanonicalBytes(1).number(d)), () -> "value " + d);
  }

  private static String text(CanonicalBytes out) {
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
