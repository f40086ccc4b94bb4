package io.quamtx.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@link Sha256} against the CAVP SHAVS files, read in place, and the JDK's SHA-256. */
class Sha256Test {
  private static final HexFormat HEX = HexFormat.of();

  private static Path vectors() {
    Path dir =
        Path.of(
            System.getProperty("quamtx.shared.dir", "../shared"),
            "vectors",
            "sha2",
            "shabytetestvectors");
    Assumptions.assumeTrue(Files.isDirectory(dir), "SHA-2 vectors absent at " + dir + "; skipped");
    return dir;
  }

  /** Checks every {@code Len/Msg/MD} triple of a SHAVS message file; returns how many. */
  private static int checkMessages(String file) throws IOException {
    int checked = 0;
    int len = -1;
    byte[] msg = null;
    for (String line : Files.readAllLines(vectors().resolve(file))) {
      String[] kv = line.strip().split(" = ", 2);
      switch (kv[0]) {
        case "Len" -> len = Integer.parseInt(kv[1]);
        case "Msg" -> msg = len == 0 ? new byte[0] : HEX.parseHex(kv[1]);
        case "MD" -> {
          assertEquals(len / 8, msg.length, file + " Len " + len);
          assertArrayEquals(HEX.parseHex(kv[1]), new Sha256().digest(msg), file + " Len " + len);
          checked++;
        }
        default -> {}
      }
    }
    return checked;
  }

  @Test
  void everyShortMessageVectorMatches() throws IOException {
    assertEquals(65, checkMessages("SHA256ShortMsg.rsp"));
  }

  @Test
  void everyLongMessageVectorMatches() throws IOException {
    assertEquals(64, checkMessages("SHA256LongMsg.rsp"));
  }

  @Test
  void monteCarloChainMatches() throws IOException {
    List<String> lines = Files.readAllLines(vectors().resolve("SHA256Monte.rsp"));
    byte[] seed = null;
    int checked = 0;
    Sha256 md = new Sha256();
    for (String line : lines) {
      String[] kv = line.strip().split(" = ", 2);
      if (kv[0].equals("Seed")) {
        seed = HEX.parseHex(kv[1]);
      } else if (kv[0].equals("MD")) {
        byte[] a = seed;
        byte[] b = seed;
        byte[] c = seed;
        for (int i = 3; i < 1003; i++) {
          md.update(a);
          md.update(b);
          md.update(c);
          a = b;
          b = c;
          c = md.digest();
        }
        seed = c;
        assertArrayEquals(HEX.parseHex(kv[1]), seed, "Monte COUNT " + checked);
        checked++;
      }
    }
    assertEquals(100, checked, "Monte checkpoints");
  }

  @Test
  void agreesWithTheJdkAcrossBlockBoundariesAndSplitUpdates() throws Exception {
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    Sha256 md = new Sha256();
    Random rnd = new Random(180);
    for (int len = 0; len <= 300; len++) {
      byte[] msg = new byte[len];
      rnd.nextBytes(msg);
      byte[] want = jdk.digest(msg);
      // Whole, byte by byte, and in random pieces: the buffered and direct paths must agree.
      assertArrayEquals(want, md.digest(msg), "whole, length " + len);
      for (byte b : msg) {
        md.update(b);
      }
      assertArrayEquals(want, md.digest(), "byte by byte, length " + len);
      for (int off = 0; off < len; ) {
        int n = Math.min(len - off, rnd.nextInt(70));
        md.update(msg, off, n);
        off += n;
      }
      byte[] out = new byte[40];
      assertEquals(Sha256.LENGTH, md.digest(out, 5, 35));
      assertArrayEquals(want, Arrays.copyOfRange(out, 5, 37), "pieces, length " + len);
    }
  }

  @Test
  void aCloneCarriesOnIndependently() throws Exception {
    Sha256 md = new Sha256();
    md.update(new byte[100]);
    Sha256 copy = (Sha256) md.clone();
    md.update((byte) 1);
    copy.update((byte) 2);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    byte[] one = new byte[101];
    one[100] = 1;
    byte[] two = one.clone();
    two[100] = 2;
    assertArrayEquals(jdk.digest(one), md.digest());
    assertArrayEquals(jdk.digest(two), copy.digest());
  }

  @Test
  void resetDropsWhatWasGiven() throws Exception {
    Sha256 md = new Sha256();
    md.update(new byte[] {1, 2, 3});
    md.reset();
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(new byte[0]), md.digest());
    assertEquals("SHA-256", md.getAlgorithm());
    assertEquals(32, md.getDigestLength());
  }

  @Test
  void refusesTooLittleOutputSpace() {
    Sha256 md = new Sha256();
    DigestException shortLen =
        assertThrows(DigestException.class, () -> md.digest(new byte[32], 0, 31));
    assertTrue(shortLen.getMessage().contains("31"), shortLen.getMessage());
  }
}
