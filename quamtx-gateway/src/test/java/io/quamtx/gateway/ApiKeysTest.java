package io.quamtx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ApiKeysTest {
  @TempDir Path dir;

  @Test
  void storesOnlyTheHashInAPrivateFile() throws Exception {
    Path file = dir.resolve("gw/keys.json");
    ApiKeys keys = ApiKeys.open(file);
    ApiKeys.IssuedKey k = keys.create("alice", Tier.STANDARD);
    String text = Files.readString(file);
    assertFalse(text.contains(k.secret().substring(21)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertTrue(text.contains(HexSha.of(k.secret())), text);
    assertFalse(k.toString().contains(k.secret()));
  }

  @Test
  void authenticatesTheKeyAndNothingElse() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    ApiKeys.IssuedKey k = keys.create("bob", Tier.BUILDER);
    assertEquals(k.key().id(), keys.authenticate(k.secret()).orElseThrow().id());
    String flipped =
        k.secret().substring(0, 30)
            + (k.secret().charAt(30) == 'a' ? 'b' : 'a')
            + k.secret().substring(31);
    assertTrue(keys.authenticate(flipped).isEmpty());
    assertTrue(keys.authenticate(k.secret() + "x").isEmpty());
    assertTrue(keys.authenticate("").isEmpty());
    keys.revoke(k.key().id());
    assertTrue(keys.authenticate(k.secret()).isEmpty());
    assertTrue(ApiKeys.open(keys.file()).keys().get(0).revoked().isPresent());
  }

  @Test
  void approvalIssuesAKeyOnceAndRefusesUnknownIds() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    ApiKeys.AccessRequest r = keys.requestAccess("carol", "carol@example.org", "dice");
    assertEquals("pending", r.status());
    ApiKeys.IssuedKey k = keys.approve(r.id(), Tier.VERIFIED);
    assertEquals(Tier.VERIFIED, keys.authenticate(k.secret()).orElseThrow().tier());
    assertEquals("approved", keys.requests().get(0).status());
    IllegalArgumentException again =
        assertThrows(IllegalArgumentException.class, () -> keys.approve(r.id(), Tier.VERIFIED));
    assertTrue(again.getMessage().contains(r.id()));
    assertThrows(IllegalArgumentException.class, () -> keys.revoke("0000000000000000"));
  }

  @Test
  void refusesEmptyAndOverlongFieldsNamingThem() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> keys.requestAccess("a", " ", "b"));
    assertTrue(e.getMessage().contains("contact"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> keys.requestAccess("a", "b", "x".repeat(2001)));
    assertTrue(e.getMessage().contains("intended_use") && e.getMessage().contains("2001"));
    e = assertThrows(IllegalArgumentException.class, () -> Tier.fromLabel("gold"));
    assertTrue(e.getMessage().contains("gold"));
  }

  @Test
  void requesterHashesTheIdNotTheSecret() throws Exception {
    ApiKeys keys = ApiKeys.open(dir.resolve("keys.json"));
    ApiKeys.IssuedKey k = keys.create("dave", Tier.BUILDER);
    assertEquals("kh:sha256:" + HexSha.of(k.key().id()), ApiKeys.requester(k.key()));
  }

  /** SHA-256 in hex, computed independently of the class under test. */
  static final class HexSha {
    static String of(String s) throws Exception {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }
}
