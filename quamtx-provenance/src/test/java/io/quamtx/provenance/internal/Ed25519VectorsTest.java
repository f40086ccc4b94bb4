package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Ed25519VectorsTest {
  @Test
  void rfc8032Section71KeysAndSignaturesAreReproduced() {
    String text =
        SharedVectors.read(SharedVectors.dir("ed25519/rfc8032").resolve("rfc8032-section-7.1.txt"));
    Matcher m =
        Pattern.compile(
                "SECRET KEY:(.*?)PUBLIC KEY:(.*?)MESSAGE \\(length (\\d+) bytes?\\):"
                    + "(.*?)SIGNATURE:(.*?)(-----|$)",
                Pattern.DOTALL)
            .matcher(text);
    int cases = 0;
    while (m.find()) {
      byte[] sk = hexOf(m.group(1));
      byte[] pk = hexOf(m.group(2));
      byte[] msg = hexOf(m.group(4));
      byte[] sig = hexOf(m.group(5));
      assertEquals(Integer.parseInt(m.group(3)), msg.length, "message length of case " + cases);
      Ed25519Key key = Ed25519Key.fromSeed(sk);
      assertArrayEquals(pk, key.publicKey());
      assertArrayEquals(sig, key.sign(msg));
      assertTrue(Ed25519Key.verify(pk, msg, sig));
      cases++;
    }
    assertEquals(5, cases);
  }

  /** Strips page furniture: keeps only runs of hex on lines that are pure hex. */
  private static byte[] hexOf(String block) {
    StringBuilder sb = new StringBuilder();
    for (String line : block.split("\n")) {
      String t = line.trim();
      if (t.matches("[0-9a-f]+")) {
        sb.append(t);
      }
    }
    return Hashes.unhex(sb.toString());
  }

  @Test
  void referenceSignInputAllThousandTwentyFourLines() throws Exception {
    Path file = SharedVectors.dir("ed25519/sign-input").resolve("test.data");
    List<String> lines = Files.readAllLines(file);
    assertEquals(1024, lines.size());
    for (String line : lines) {
      String[] f = line.split(":", -1);
      byte[] seed = Hashes.unhex(f[0].substring(0, 64));
      byte[] msg = Hashes.unhex(f[2]);
      byte[] sig = Hashes.unhex(f[3].substring(0, 128));
      Ed25519Key key = Ed25519Key.fromSeed(seed);
      assertEquals(f[1], Hashes.hex(key.publicKey()));
      assertArrayEquals(sig, key.sign(msg), line);
      assertTrue(Ed25519Key.verify(key.publicKey(), msg, sig));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void wycheproofVerdictsAreMetByBouncyCastle() {
    Path dir = SharedVectors.dir("ed25519/wycheproof");
    int checked = 0;
    for (String file : List.of("ed25519_test.json", "eddsa_test.json")) {
      Map<String, Object> doc = SharedVectors.json(dir.resolve(file));
      for (Object g : (List<Object>) doc.get("testGroups")) {
        Map<String, Object> group = (Map<String, Object>) g;
        byte[] pk = publicKeyOf(group);
        for (Object t : (List<Object>) group.get("tests")) {
          Map<String, Object> tc = (Map<String, Object>) t;
          boolean ok =
              Ed25519Key.verify(
                  pk, Hashes.unhex((String) tc.get("msg")), Hashes.unhex((String) tc.get("sig")));
          assertEquals("valid".equals(tc.get("result")), ok, file + " tcId " + tc.get("tcId"));
          checked++;
        }
      }
    }
    assertEquals(151 + 145, checked);
  }

  /**
   * Wycheproof tcId 37: a valid signature with one 0x00 byte appended. BouncyCastle rejects it; the
   * JDK 17 provider accepts it, which is why the log never verifies through the JDK without
   * checking the length first (see {@code OfflineVerifier}).
   */
  @Test
  @SuppressWarnings("unchecked")
  void trailingByteSignatureIsRejectedHereWhatEverTheJdkSays() throws Exception {
    Map<String, Object> doc =
        SharedVectors.json(SharedVectors.dir("ed25519/wycheproof").resolve("ed25519_test.json"));
    Map<String, Object> group = null;
    Map<String, Object> tc37 = null;
    for (Object g : (List<Object>) doc.get("testGroups")) {
      for (Object t : (List<Object>) ((Map<String, Object>) g).get("tests")) {
        if (Long.valueOf(37).equals(((Map<String, Object>) t).get("tcId"))) {
          tc37 = (Map<String, Object>) t;
          group = (Map<String, Object>) g;
        }
      }
    }
    assertEquals("SignatureWithGarbage", ((List<?>) tc37.get("flags")).get(0));
    byte[] pk = publicKeyOf(group);
    byte[] msg = Hashes.unhex((String) tc37.get("msg"));
    byte[] sig = Hashes.unhex((String) tc37.get("sig"));
    assertEquals(65, sig.length);
    assertFalse(Ed25519Key.verify(pk, msg, sig));
    assertTrue(Ed25519Key.verify(pk, msg, java.util.Arrays.copyOf(sig, 64)));
    boolean jdk = jdkVerify((String) group.get("publicKeyDer"), msg, sig);
    if (Runtime.version().feature() == 17) {
      assertTrue(jdk, "JDK 17 is known to accept tcId 37; if it no longer does, update the docs");
    }
    assertFalse(io.quamtx.provenance.OfflineVerifier.verifyEd25519(pk, msg, sig));
  }

  @SuppressWarnings("unchecked")
  private static byte[] publicKeyOf(Map<String, Object> group) {
    Object key = group.containsKey("publicKey") ? group.get("publicKey") : group.get("key");
    return Hashes.unhex((String) ((Map<String, Object>) key).get("pk"));
  }

  private static boolean jdkVerify(String derHex, byte[] msg, byte[] sig) throws Exception {
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Hashes.unhex(derHex)));
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(key);
    s.update(msg);
    try {
      return s.verify(sig);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }
}
