package io.quamtx.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quamtx.core.health.SharedData;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The computed bzip2 length against the system's libbz2 compressing the same text: short and
 * multi-block inputs, alphabets from one value to 256, blocks cut inside runs of digits, and
 * shuffles of the shared sample files.
 */
class DecimalBzip2Test {
  @BeforeAll
  static void needsLibbz2() {
    assumeTrue(NativeBzip2.available(), "libbz2 not found through JNA: nothing to compare against");
  }

  private static void assertSameAsLibbz2(byte[] raw) {
    int expected = NativeBzip2.length(DecimalBzip2.text(raw));
    assertEquals(expected, DecimalBzip2.length(raw), () -> "length of " + raw.length + " values");
  }

  @Test
  void emptyAndTinyInputs() {
    assertSameAsLibbz2(new byte[0]);
    assertSameAsLibbz2(new byte[] {7});
    assertSameAsLibbz2(new byte[] {(byte) 255});
    assertSameAsLibbz2(new byte[] {1, 1, 1, 1, 1});
    assertSameAsLibbz2(new byte[] {100, 0, (byte) 200});
  }

  @ParameterizedTest(name = "{0} values below {1}")
  @CsvSource({
    "1, 256",
    "10, 2",
    "63, 200",
    "64, 200",
    "1000, 1",
    "5000, 3",
    "100000, 256",
    "139000, 256",
    "140000, 111",
    "250000, 2",
    "260000, 1",
    "400000, 16",
    "1000000, 256"
  })
  void randomValues(int n, int k) {
    SplittableRandom rng = new SplittableRandom(31L * n + k);
    byte[] raw = new byte[n];
    for (int i = 0; i < n; i++) {
      raw[i] = (byte) rng.nextInt(k);
    }
    assertSameAsLibbz2(raw);
  }

  @Test
  void blocksCutInsideRunsOfDigits() {
    // 111 and 222 put runs of three equal digits across the 499,981st character; the single-digit
    // values in front move the cut through every position of the pattern
    for (int shift = 0; shift < 10; shift++) {
      byte[] raw = new byte[140_000];
      for (int i = 0; i < raw.length; i++) {
        int j = i - shift;
        raw[i] = (byte) (j < 0 ? 5 : j % 3 == 0 ? 111 : j % 3 == 1 ? 222 : 1);
      }
      assertSameAsLibbz2(raw);
    }
  }

  @Test
  void noisyValuesWithALongRepeat() {
    // the repeat makes two token rotations agree far past the direct comparison's limit
    SplittableRandom rng = new SplittableRandom(11);
    byte[] raw = new byte[300_000];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) rng.nextInt(256);
    }
    System.arraycopy(raw, 1000, raw, 50_000, 500);
    assertSameAsLibbz2(raw);
  }

  @Test
  void shufflesOfSharedFiles() throws IOException {
    SplittableRandom rng = new SplittableRandom(5);
    for (String f : new String[] {"a_uniform8.bin:8", "b2_biased1_p07.bin:1", "d_iid4.bin:4"}) {
      String[] p = f.split(":");
      byte[] raw = Samples.read(SharedData.dir90b().resolve(p[0]), Integer.parseInt(p[1])).raw();
      byte[] copy = Arrays.copyOf(raw, raw.length);
      for (int i = copy.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        byte t = copy[i];
        copy[i] = copy[j];
        copy[j] = t;
      }
      assertSameAsLibbz2(copy);
    }
  }
}
