package io.quamtx.provenance;

import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Records;
import io.quamtx.provenance.internal.SegmentIndex;
import io.quamtx.provenance.internal.SegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a stored record by provenance id in constant time, without opening the log or scanning its
 * segments: the id names the record's sequence number, the segment file names give the segment, and
 * the segment's index file ({@code .idx}, docs/FORMAT.md section Storage) gives the frame's offset.
 * The index is never trusted over the segment: the frame it points to must pass its CRC-32C, carry
 * exactly the id asked for, and re-derive the chain hash both the entry and the index name; when
 * the index is missing, short or disagrees, the segment's frames are walked instead (reading
 * lengths only).
 *
 * <p>This locates a record; it does not verify it. Use {@link ProvenanceLog#verify} or {@link
 * OfflineVerifier} for the signature, the chain link and the inclusion proof. Stateless and
 * thread-safe; takes no lock and writes nothing, so it may run beside the writer (a record not yet
 * written is simply not found).
 */
public final class LogIndex {
  private LogIndex() {}

  /**
   * The stored entry ({@code {"chain_hash", "record", "signature"}}, as in the segment) of the
   * record with this id.
   *
   * @return empty when the log holds no record with exactly this id
   * @throws IllegalArgumentException when the id is malformed
   * @throws LogNotFoundException when there is no log under home
   * @throws ProvenanceException when the files cannot be read
   */
  public static Optional<Map<String, Object>> find(Path home, String provenanceId)
      throws ProvenanceException {
    long seq = ProvenanceId.parse(provenanceId).seq();
    String id = provenanceId.toLowerCase(Locale.ROOT);
    Path logDir = home.toAbsolutePath().normalize().resolve("log");
    if (!Files.isDirectory(logDir)) {
      throw new LogNotFoundException(home);
    }
    try (SegmentStore store = SegmentStore.openReadOnly(logDir)) {
      int segment = store.segmentFor(seq);
      return segment < 0 ? Optional.empty() : find(store, segment, seq, id);
    } catch (IOException e) {
      throw new ProvenanceException("cannot read the log in " + logDir + ": " + e, e);
    }
  }

  private static Optional<Map<String, Object>> find(
      SegmentStore store, int segment, long seq, String id) throws IOException {
    long first = store.segmentFirstSeq(segment);
    SegmentIndex.Entry e = SegmentIndex.read(store.segmentPath(segment), first, seq);
    if (e != null) {
      Map<String, Object> entry = checked(store.readChecked(segment, e.offset()), seq, id);
      if (entry != null && Hashes.text(e.chainHash()).equals(entry.get("chain_hash"))) {
        return Optional.of(entry);
      }
    }
    long offset = store.walkTo(segment, seq - first);
    return Optional.ofNullable(
        offset < 0 ? null : checked(store.readChecked(segment, offset), seq, id));
  }

  /** The entry when the payload holds record seq with this id and a true chain hash, else null. */
  private static Map<String, Object> checked(byte[] payload, long seq, String id) {
    if (payload == null) {
      return null;
    }
    try {
      Map<String, Object> entry = Records.parseEntry(payload);
      Map<String, Object> record = Records.recordOf(entry);
      boolean ok =
          id.equals(record.get("provenance_id"))
              && Long.valueOf(seq).equals(record.get("seq"))
              && Hashes.text(Records.chainHash(record)).equals(entry.get("chain_hash"));
      return ok ? entry : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
