package io.quamtx.core.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link HmacSha256} against the CAVP and Wycheproof vectors, read in place, and the JCE: over
 * quamtx's own SHA-256, over the JDK's, and across the switch from one to the other.
 */
class HmacSha256Test {
  private static final HexFormat HEX = HexFormat.of();

  private static Path vectors() {
    Path dir = Path.of(System.getProperty("quamtx.shared.dir", "../shared"), "vectors", "hmac");
    Assumptions.assumeTrue(Files.isDirectory(dir), "HMAC vectors absent at " + dir + "; skipped");
    return dir;
  }

  private static byte[] tag(byte[] key, byte[] msg, boolean own) {
    byte[] out = new byte[HmacSha256.LENGTH];
    HmacSha256 mac = new HmacSha256(key, own ? HmacSha256.OWN_DIGEST_MESSAGES : 0);
    assertEquals(!own, mac.onJdkDigest());
    mac.update(msg, 0, msg.length);
    mac.doFinal(out, 0);
    return out;
  }

  @Test
  void everyCavpSha256VectorMatches() throws IOException {
    List<String> lines = Files.readAllLines(vectors().resolve("hmactestvectors/HMAC.rsp"));
    int start = lines.indexOf("[L=32]");
    assertTrue(start >= 0, "no [L=32] section");
    int checked = 0;
    byte[] key = null;
    byte[] msg = null;
    int tlen = 0;
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("[L=")) {
        break;
      }
      String[] kv = line.split(" = ", 2);
      switch (kv[0]) {
        case "Tlen" -> tlen = Integer.parseInt(kv[1]);
        case "Key" -> key = HEX.parseHex(kv[1]);
        case "Msg" -> msg = HEX.parseHex(kv[1]);
        case "Mac" -> {
          for (boolean own : new boolean[] {true, false}) {
            byte[] got = Arrays.copyOf(tag(key, msg, own), tlen);
            assertArrayEquals(HEX.parseHex(kv[1]), got, "CAVP count " + checked + ", own " + own);
          }
          checked++;
        }
        default -> {}
      }
    }
    assertEquals(225, checked, "CAVP HMAC-SHA-256 vectors");
  }

  @Test
  void everyWycheproofSha256VectorMatches() throws IOException {
    JsonNode root =
        new ObjectMapper().readTree(vectors().resolve("wycheproof/hmac_sha256_test.json").toFile());
    int checked = 0;
    for (JsonNode group : root.get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode t : group.get("tests")) {
        byte[] key = HEX.parseHex(t.get("key").asText());
        byte[] msg = HEX.parseHex(t.get("msg").asText());
        byte[] want = HEX.parseHex(t.get("tag").asText());
        for (boolean own : new boolean[] {true, false}) {
          byte[] got = Arrays.copyOf(tag(key, msg, own), tagBytes);
          String id = "tcId " + t.get("tcId").asInt() + ", own " + own;
          if (t.get("result").asText().equals("valid")) {
            assertArrayEquals(want, got, id);
          } else {
            assertNotEquals(HEX.formatHex(want), HEX.formatHex(got), id);
          }
        }
        checked++;
      }
    }
    assertEquals(root.get("numberOfTests").asInt(), checked);
  }

  @Test
  void agreesWithTheJceOverManyMessagesUnderOneKey() throws Exception {
    Random rnd = new Random(90);
    for (int keyLen : new int[] {1, 32, 63, 64, 65, 200}) {
      byte[] key = new byte[keyLen];
      rnd.nextBytes(key);
      Mac jce = Mac.getInstance("HmacSHA256");
      jce.init(new SecretKeySpec(key, "HmacSHA256"));
      HmacSha256 mac = new HmacSha256(key);
      byte[] out = new byte[HmacSha256.LENGTH + 3];
      for (int i = 0; i < 50; i++) {
        byte[] msg = new byte[rnd.nextInt(300)];
        rnd.nextBytes(msg);
        mac.update(msg, 0, msg.length);
        mac.doFinal(out, 3);
        assertArrayEquals(
            jce.doFinal(msg), Arrays.copyOfRange(out, 3, out.length), "key " + keyLen);
      }
    }
  }

  @Test
  void movesToTheJdkDigestAfterItsOwnMessagesAndAgreesWithTheJceAcross() throws Exception {
    Random rnd = new Random(256);
    for (int keyLen : new int[] {32, 100}) {
      byte[] key = new byte[keyLen];
      rnd.nextBytes(key);
      Mac jce = Mac.getInstance("HmacSHA256");
      jce.init(new SecretKeySpec(key, "HmacSHA256"));
      HmacSha256 mac = new HmacSha256(key);
      byte[] out = new byte[HmacSha256.LENGTH];
      for (int i = 0; i < HmacSha256.OWN_DIGEST_MESSAGES + 20; i++) {
        assertEquals(i >= HmacSha256.OWN_DIGEST_MESSAGES, mac.onJdkDigest(), "message " + i);
        byte[] msg = new byte[rnd.nextInt(150)];
        rnd.nextBytes(msg);
        mac.update(msg, 0, msg.length);
        mac.doFinal(out, 0);
        assertArrayEquals(jce.doFinal(msg), out, "key " + keyLen + ", message " + i);
      }
    }
  }
}
