package io.quamtx.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.internal.Json;
import io.quamtx.provenance.internal.Records;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Receipt#recordJson()} is cut from the stored entry without a parse; it must still be the
 * same JSON value as {@link Receipt#record()}, even when the record's strings hold the very markers
 * the cut looks for.
 */
class ReceiptJsonTest {
  /** Printable ASCII a requester may hold, shaped like the entry's own members. */
  private static final String TRICKY_REQUESTER = "k\",\"signature\":\"x\",\"record\":{}";

  @TempDir Path dir;

  @Test
  void signedRecordJsonIsTheRecordWithItsProof() throws Exception {
    try (ProvenanceLog log = ProvenanceLog.open(dir)) {
      Receipt r = log.append(tricky(32));
      Map<String, Object> parsed = parse(r.recordJson());
      assertEquals(r.record(), parsed);
      assertEquals(TRICKY_REQUESTER, parsed.get("requester"));
      assertTrue(((String) parsed.get("signature")).length() > 80, "a base64 signature");
      assertTrue(((String) parsed.get("chain_hash")).startsWith("sha256:"));
    }
  }

  @Test
  void unsignedRecordJsonCarriesANullSignature() throws Exception {
    LogOptions options =
        LogOptions.builder().drawDurability(Durability.BATCHED).signEachRecord(false).build();
    try (ProvenanceLog log = ProvenanceLog.open(dir, options)) {
      for (int n = 1; n <= 40; n += 13) {
        Receipt r = log.append(tricky(n));
        Map<String, Object> parsed = parse(r.recordJson());
        assertEquals(r.record(), parsed);
        assertTrue(parsed.containsKey("signature"));
        assertNull(parsed.get("signature"));
        assertEquals((long) n, parsed.get("bytes"));
      }
    }
  }

  @Test
  void aReceiptBuiltFromAMapWritesThatMap() {
    Map<String, Object> record = Map.of("seq", 7L, "chain_hash", "sha256:ab", "note", "\u00e9\"");
    Receipt r = new Receipt("pvn_x", record, null);
    assertEquals(record, parse(r.recordJson()));
  }

  @Test
  void bytesThatAreNotAnEntryAreRefusedWithTheirLength() {
    byte[] junk = "{\"record\":{},\"signature\":null}".getBytes(StandardCharsets.US_ASCII);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Records.proofJson(junk));
    assertTrue(e.getMessage().contains(junk.length + " bytes"), e.getMessage());
  }

  private static DrawEvent tricky(int n) {
    DrawEvent d = ProvenanceLogTest.draw(n);
    return d.withRequester(TRICKY_REQUESTER);
  }

  private static Map<String, Object> parse(byte[] json) {
    return Json.parseObject(new String(json, StandardCharsets.UTF_8));
  }
}
