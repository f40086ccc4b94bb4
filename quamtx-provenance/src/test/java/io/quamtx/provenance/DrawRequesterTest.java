package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional {@code requester} field of draw records (docs/FORMAT.md, section 2). */
final class DrawRequesterTest {
  private static final String KEY_HASH =
      "kh:sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TempDir Path dir;

  @Test
  void requesterIsRecordedWhenGivenAndAbsentOtherwise() throws Exception {
    String named;
    String anonymous;
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      named = log.append(ProvenanceLogTest.draw(32).withRequester(KEY_HASH)).provenanceId();
      anonymous = log.append(ProvenanceLogTest.draw(16)).provenanceId();
      Verification v = log.verify(named).orElseThrow();
      assertTrue(v.valid(), v.reason());
      assertEquals(KEY_HASH, log.record(1).get("requester"));
      assertFalse(log.record(2).containsKey("requester"));
      assertTrue(log.verify(anonymous).orElseThrow().valid());
    }
    FsckReport report = Fsck.check(dir);
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(3, report.records());
  }

  @Test
  void requesterIsCoveredByTheChainHash() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      Receipt r = log.append(ProvenanceLogTest.draw(8).withRequester(KEY_HASH));
      Map<String, Object> entry = new LinkedHashMap<>(log.entry(1));
      OfflineVerifier trusted =
          OfflineVerifier.trusting(Files.readString(dir.resolve("keys/keyset.json")));
      assertTrue(trusted.checkEntry(entry).ok(), trusted.checkEntry(entry).reason());
      @SuppressWarnings("unchecked")
      Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) entry.get("record"));
      record.put("requester", "kh:sha256:someone-else");
      entry.put("record", record);
      assertFalse(trusted.checkEntry(entry).ok(), r.provenanceId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\there", "caf\u00e9"})
  void badRequesterIsRefusedByName(String bad) {
    DrawEvent e = ProvenanceLogTest.draw(4);
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> e.withRequester(bad));
    assertTrue(x.getMessage().contains("'" + bad + "'"), x.getMessage());
  }

  @Test
  void overlongRequesterIsRefused() {
    String longest = "k".repeat(128);
    assertEquals(longest, ProvenanceLogTest.draw(4).withRequester(longest).requester());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProvenanceLogTest.draw(4).withRequester(longest + "k"));
  }

  @Test
  void requesterIsShownByToStringButNeverTheOutput() {
    DrawEvent e = ProvenanceLogTest.draw(4).withRequester(KEY_HASH);
    String shown = e.toString();
    assertTrue(shown.contains(KEY_HASH), shown);
    assertFalse(shown.contains("[B@"), shown);
  }
}
