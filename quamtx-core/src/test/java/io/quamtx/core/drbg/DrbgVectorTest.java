package io.quamtx.core.drbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every NIST CAVP DRBG vector in {@code shared/vectors/drbg}, read in place: no reseed, reseed
 * without prediction resistance, and prediction resistance.
 */
final class DrbgVectorTest {
  private static final String[] FOLDERS = {
    "drbgvectors_no_reseed", "drbgvectors_pr_false", "drbgvectors_pr_true"
  };
  private static final String[] FILES = {"CTR_DRBG.rsp", "Hash_DRBG.rsp", "HMAC_DRBG.rsp"};

  /** One COUNT block: its section and its key/value lines in file order. */
  record Vector(String folder, String file, String section, int count, List<String[]> lines) {
    String first(String key) {
      return lines.stream().filter(l -> l[0].equals(key)).map(l -> l[1]).findFirst().orElse("");
    }

    List<String> all(String key) {
      return lines.stream().filter(l -> l[0].equals(key)).map(l -> l[1]).toList();
    }

    @Override
    public String toString() {
      return folder + "/" + file + " [" + section + "] COUNT " + count;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"), "vectors", "drbg");
    Assumptions.assumeTrue(Files.isDirectory(dir), "DRBG vectors absent at " + dir + "; skipped");
    List<Vector> all = new ArrayList<>();
    for (String folder : FOLDERS) {
      for (String file : FILES) {
        all.addAll(parse(folder, file, Files.readAllLines(dir.resolve(folder).resolve(file))));
      }
    }
    return all.stream();
  }

  private static List<Vector> parse(String folder, String file, List<String> text) {
    List<Vector> out = new ArrayList<>();
    String section = "";
    List<String[]> lines = null;
    int count = -1;
    for (String raw : text) {
      String line = raw.strip();
      if (line.startsWith("[") && !line.contains("=")) {
        section = line.substring(1, line.length() - 1);
      } else if (line.startsWith("COUNT = ")) {
        count = Integer.parseInt(line.substring(8));
        lines = new ArrayList<>();
        out.add(new Vector(folder, file, section, count, lines));
      } else if (lines != null && line.contains(" = ")) {
        lines.add(line.split(" = ", 2));
      } else if (lines != null && line.endsWith(" =")) {
        lines.add(new String[] {line.substring(0, line.length() - 2), ""});
      }
    }
    return out;
  }

  private static final Map<String, Mechanism> HASHES =
      Map.of("SHA-256", Mechanism.HASH_SHA_256, "SHA-512", Mechanism.HASH_SHA_512);
  private static final Map<String, Mechanism> HMACS =
      Map.of("SHA-256", Mechanism.HMAC_SHA_256, "SHA-512", Mechanism.HMAC_SHA_512);

  private static DrbgConfig config(Vector v) {
    boolean pr = v.folder().endsWith("pr_true");
    DrbgConfig.Builder b = DrbgConfig.builder().predictionResistance(pr);
    if (v.file().startsWith("CTR")) {
      b.mechanism(v.section().startsWith("AES-128") ? Mechanism.CTR_AES_128 : Mechanism.CTR_AES_256)
          .derivationFunction(v.section().endsWith("use df"));
    } else {
      b.mechanism((v.file().startsWith("Hash") ? HASHES : HMACS).get(v.section()));
    }
    return b.build();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void returnedBitsMatch(Vector v) throws Exception {
    check(v, config(v));
  }

  static Stream<Vector> hashSha256Vectors() throws IOException {
    return vectors().filter(v -> v.file().startsWith("Hash") && v.section().equals("SHA-256"));
  }

  /** The Hash_DRBG SHA-256 vectors again, over quamtx's own SHA-256. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("hashSha256Vectors")
  void returnedBitsMatchOverOwnSha256(Vector v) throws Exception {
    DrbgConfig own =
        DrbgConfig.builder()
            .mechanism(Mechanism.HASH_SHA_256)
            .ownSha256(true)
            .predictionResistance(v.folder().endsWith("pr_true"))
            .build();
    check(v, own);
  }

  private static void check(Vector v, DrbgConfig config) throws Exception {
    ArrayDeque<byte[]> script = new ArrayDeque<>();
    for (String[] l : v.lines()) {
      boolean nonce = l[0].equals("Nonce") && !l[1].isEmpty();
      if (l[0].startsWith("EntropyInput") || nonce) {
        script.add(hex(l[1]));
      }
    }
    Drbg drbg = Drbg.instantiate(config, (e, min, max, pr) -> script.remove(), personal(v));
    if (v.folder().endsWith("pr_false")) {
      drbg.reseed(hex(v.first("AdditionalInputReseed")));
    }
    byte[] expected = hex(v.first("ReturnedBits"));
    byte[] out = new byte[expected.length];
    boolean pr = v.folder().endsWith("pr_true");
    List<String> addins = v.all("AdditionalInput");
    drbg.generate(out, 0, out.length, hex(addins.get(0)), pr);
    drbg.generate(out, 0, out.length, hex(addins.get(1)), pr);
    assertArrayEquals(expected, out, v.toString());
    assertTrue(script.isEmpty(), "entropy inputs left unused in " + v);
  }

  private static byte[] personal(Vector v) {
    return hex(v.first("PersonalizationString"));
  }
}
