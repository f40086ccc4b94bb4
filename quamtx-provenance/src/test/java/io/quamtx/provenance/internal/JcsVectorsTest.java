package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JcsVectorsTest {
  private static final String BASE = "jcs-rfc8785/cyberphone-json-canonicalization/testdata";

  static Stream<String> names() {
    return Stream.of("arrays", "french", "structures", "unicode", "values", "weird");
  }

  @ParameterizedTest
  @MethodSource("names")
  void canonicalFormMatchesTheRfcAuthorsOutput(String name) throws Exception {
    Path dir = SharedVectors.dir(BASE);
    Object parsed = Json.parse(SharedVectors.read(dir.resolve("input/" + name + ".json")));
    byte[] expected = Files.readAllBytes(dir.resolve("output/" + name + ".json"));
    assertArrayEquals(expected, Jcs.canonicalize(parsed), name);
  }

  @ParameterizedTest
  @MethodSource("names")
  void canonicalBytesMatchTheHexListing(String name) throws Exception {
    Path dir = SharedVectors.dir(BASE);
    Object parsed = Json.parse(SharedVectors.read(dir.resolve("input/" + name + ".json")));
    String hex = Files.readString(dir.resolve("outhex/" + name + ".txt")).replaceAll("\\s+", "");
    assertEquals(hex.toLowerCase(), Hashes.hex(Jcs.canonicalize(parsed)));
  }

  /** Lines from the ES6 number test file quoted in the vectors' README, plus RFC 8785 B.1. */
  @ParameterizedTest
  @CsvSource({
    "4340000000000001,9007199254740994",
    "4340000000000002,9007199254740996",
    "444b1ae4d6e2ef50,1e+21",
    "3eb0c6f7a0b5ed8d,0.000001",
    "3eb0c6f7a0b5ed8c,9.999999999999997e-7",
    "8000000000000000,0",
    "0000000000000000,0",
    "0000000000000001,5e-324",
    "8000000000000001,-5e-324",
    "7fefffffffffffff,1.7976931348623157e+308",
    "ffefffffffffffff,-1.7976931348623157e+308",
    "4340000000000000,9007199254740992",
    "c340000000000000,-9007199254740992",
    "4430000000000000,295147905179352830000",
    "44b52d02c7e14af5,9.999999999999997e+22",
    "44b52d02c7e14af6,1e+23",
    "44b52d02c7e14af7,1.0000000000000001e+23",
    "444b1ae4d6e2ef4e,999999999999999700000",
    "444b1ae4d6e2ef4f,999999999999999900000",
    "3eb0c6f7a0b5ed8e,0.0000010000000000000002",
    "41b3de4355555553,333333333.3333332",
    "41b3de4355555554,333333333.33333325",
    "41b3de4355555555,333333333.3333333",
    "41b3de4355555556,333333333.3333334",
    "41b3de4355555557,333333333.33333343",
    "becbf647612f3696,-0.0000033333333333333333",
    "43143ff3c1cb0959,1424953923781206.2"
  })
  void numbersUseTheEcmaScriptForm(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertEquals(expected, Jcs.number(d));
  }

  @Test
  void rejectsWhatJsonCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> Jcs.number(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Jcs.number(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Jcs.number((Number) Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalize(List.of(new Object())));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,\"a\":2}"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("01"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("\"a\nb\""));
  }

  @Test
  void sortsByUtf16CodeUnitsNotCodePoints() {
    // U+FB33 sorts after U+1F602 (surrogates D83D..) in UTF-16 order; RFC 8785 3.2.3.
    String s = Jcs.canonicalString(Map.of("\ufb33", 1, "\ud83d\ude02", 2, "\u00f6", 3));
    assertEquals("{\"\u00f6\":3,\"\ud83d\ude02\":2,\"\ufb33\":1}", s);
    assertEquals(
        "\"\\u001f\\t\u007f\"",
        new String(Jcs.canonicalize("\u001f\t\u007f"), StandardCharsets.UTF_8));
  }
}
