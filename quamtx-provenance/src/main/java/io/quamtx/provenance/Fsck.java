package io.quamtx.provenance;

import io.quamtx.provenance.internal.ChainState;
import io.quamtx.provenance.internal.Checkpoint;
import io.quamtx.provenance.internal.CheckpointHistory;
import io.quamtx.provenance.internal.Hashes;
import io.quamtx.provenance.internal.Jcs;
import io.quamtx.provenance.internal.SegmentIndex;
import io.quamtx.provenance.internal.SegmentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Re-derives everything in a log from its bytes, read-only: every frame's CRC-32C, every record's
 * chain hash and link, every record signature (under the keys the log itself announced), every
 * checkpoint's signature and Merkle root, and the keyset file. Changes nothing on disk, so it can
 * run on a copy or beside a stopped writer.
 *
 * <p>Stateless and thread-safe. A live writer may be mid-append; its unsynced tail can then show as
 * a torn tail.
 */
public final class Fsck {
  private Fsck() {}

  /**
   * Checks the log under {@code home}.
   *
   * @throws ProvenanceException when there is no log there or it cannot be read at all
   */
  public static FsckReport check(Path home) throws ProvenanceException {
    Path logDir = home.resolve("log");
    if (!Files.isDirectory(logDir)) {
      throw new ProvenanceException("no provenance log in " + home + " (no " + logDir + ")");
    }
    List<String> problems = new ArrayList<>();
    ChainState chain = new ChainState(true);
    try (SegmentStore store = SegmentStore.openReadOnly(logDir)) {
      scan(store, chain, problems);
      checkIndexes(store, chain, problems);
    } catch (LogCorruptException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      throw new ProvenanceException("cannot read the log in " + logDir + ": " + e, e);
    }
    long cps = checkCheckpoints(logDir, chain, problems);
    checkKeyset(home, chain, problems);
    return new FsckReport(
        problems.isEmpty(),
        chain.size(),
        chain.signaturesChecked(),
        cps,
        chain.size() == 0 ? null : Hashes.text(chain.head()),
        List.copyOf(problems));
  }

  private static void scan(SegmentStore store, ChainState chain, List<String> problems)
      throws IOException {
    try {
      SegmentStore.TailDamage d = store.scan(chain::accept);
      if (d != null) {
        problems.add(
            "bad frame in "
                + store.segmentPath(d.segment())
                + " at byte "
                + d.offset()
                + ": "
                + d.reason()
                + detail(chain)
                + " ("
                + d.bytesAfter()
                + " bytes to the end; opening the log would cut them as a torn tail)");
      }
    } catch (LogCorruptException e) {
      problems.add(e.getMessage() + detail(chain));
    }
    if (store.segmentCount() == 0) {
      problems.add("the log has no segment files");
    }
  }

  /**
   * Every entry an index file holds must point at its record's frame and name its chain hash. A
   * missing index, or one that stops early (the writer does not sync it per record), is no problem:
   * opening the log rebuilds it, and readers fall back to the segment.
   */
  private static void checkIndexes(SegmentStore store, ChainState chain, List<String> problems)
      throws IOException {
    for (int i = 0; i < store.segmentCount(); i++) {
      Path seg = store.segmentPath(i);
      long first = store.segmentFirstSeq(i);
      long end = i + 1 < store.segmentCount() ? store.segmentFirstSeq(i + 1) : chain.size();
      Path idx = SegmentIndex.pathOf(seg);
      if (!Files.exists(idx)) {
        continue;
      }
      String why = indexProblem(Files.readAllBytes(idx), first, Math.min(end, chain.size()), chain);
      if (why != null) {
        problems.add("index " + idx + ": " + why + "; opening the log for writing rebuilds it");
      }
    }
  }

  private static String indexProblem(byte[] idx, long first, long end, ChainState chain) {
    if (idx.length < SegmentIndex.HEADER) {
      return null; // torn while it was being created
    }
    byte[] header =
        ByteBuffer.allocate(SegmentIndex.HEADER).put(SegmentIndex.MAGIC).putLong(first).array();
    if (!Arrays.equals(header, Arrays.copyOf(idx, header.length))) {
      return "bad header";
    }
    long entries = (idx.length - SegmentIndex.HEADER) / SegmentIndex.ENTRY;
    if (first + entries > end) {
      return entries + " entries but the segment holds " + (end - first) + " good records";
    }
    ByteBuffer b = ByteBuffer.wrap(idx);
    for (long k = 0; k < entries; k++) {
      int pos = (int) (SegmentIndex.HEADER + SegmentIndex.ENTRY * k);
      byte[] hash = Arrays.copyOfRange(idx, pos + 8, pos + SegmentIndex.ENTRY);
      if (b.getLong(pos) != SegmentStore.offsetOf(chain.locator(first + k))
          || !Arrays.equals(hash, chain.tree().leaf(first + k))) {
        return "entry of record " + (first + k) + " does not match the segment";
      }
    }
    return null;
  }

  private static String detail(ChainState chain) {
    return chain.lastFailure() == null ? "" : " [" + chain.lastFailure() + "]";
  }

  private static long checkCheckpoints(Path logDir, ChainState chain, List<String> problems) {
    Path file = logDir.resolve("checkpoints.jsonl");
    if (!Files.exists(file) || chain.size() == 0) {
      return 0;
    }
    OfflineVerifier verifier =
        OfflineVerifier.trusting(Jcs.canonicalString(Map.of("keys", chain.keysForIntegrity())));
    long n = 0;
    try {
      List<CheckpointHistory.Entry> entries = CheckpointHistory.read(file);
      long lines = Files.readAllLines(file).size();
      if (entries.size() < lines - 1) {
        problems.add(
            file
                + ": line "
                + (entries.size() + 1)
                + " is not a checkpoint, and "
                + (lines - entries.size() - 1)
                + " lines follow it");
      }
      for (CheckpointHistory.Entry cp : entries) {
        String why = checkpointProblem(verifier, chain, cp);
        if (why != null) {
          problems.add("checkpoint of size " + cp.size() + " in " + file + ": " + why);
        }
        n++;
      }
    } catch (IOException e) {
      problems.add("cannot read " + file + ": " + e);
    }
    return n;
  }

  private static String checkpointProblem(
      OfflineVerifier v, ChainState chain, CheckpointHistory.Entry cp) {
    OfflineVerifier.CheckpointBody body = v.checkCheckpoint(cp.note());
    if (!body.ok()) {
      return body.reason();
    }
    if (body.size() != cp.size() || body.size() > chain.size()) {
      return "covers " + body.size() + " records but only " + chain.size() + " are good";
    }
    String expect =
        Checkpoint.body("quamtx/" + chain.logId(), body.size(), chain.tree().root(body.size()));
    return cp.note().startsWith(expect) ? null : "root does not match the records it covers";
  }

  private static void checkKeyset(Path home, ChainState chain, List<String> problems) {
    Path file = home.resolve("keys").resolve("keyset.json");
    try {
      byte[] want = Jcs.canonicalize(Map.of("keys", chain.keys()));
      if (chain.size() > 0 && !java.util.Arrays.equals(want, Files.readAllBytes(file))) {
        problems.add(file + " differs from the keys announced in the log");
      }
    } catch (IOException e) {
      problems.add("cannot read " + file + ": " + e);
    }
  }
}
