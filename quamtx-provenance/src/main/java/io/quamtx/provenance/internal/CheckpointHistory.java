package io.quamtx.provenance.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every checkpoint the log has signed, one JCS line each ({@code {"note": <signed note>, "size":
 * <tree size>}}) in {@code log/checkpoints.jsonl}, appended and synced before the checkpoint is
 * published. A torn last line (a crash while appending) is ignored on load and overwritten by the
 * next append. Not thread-safe; the log serializes checkpointing.
 */
public final class CheckpointHistory implements Closeable {
  /** One stored checkpoint. */
  public record Entry(long size, String note) {}

  private final RandomAccessFile file;
  private final List<Entry> entries;
  private long goodBytes;

  private CheckpointHistory(RandomAccessFile file, List<Entry> entries, long goodBytes) {
    this.file = file;
    this.entries = entries;
    this.goodBytes = goodBytes;
  }

  /**
   * Opens (or creates) the history file. RandomAccessFile rather than FileChannel, so that an
   * interrupted caller cannot close it for everyone.
   */
  public static CheckpointHistory open(Path file) throws IOException {
    boolean created = !Files.exists(file);
    RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw");
    if (created) {
      DurableFiles.syncDirectory(file.toAbsolutePath().getParent());
    }
    byte[] all = new byte[(int) f.length()];
    f.readFully(all);
    List<Entry> entries = new ArrayList<>();
    long good = parse(all, entries);
    return new CheckpointHistory(f, entries, good);
  }

  /**
   * A history that only reads: the checkpoints in {@code file} (none when it does not exist);
   * {@link #append} throws.
   */
  public static CheckpointHistory openReadOnly(Path file) throws IOException {
    List<Entry> entries = Files.exists(file) ? read(file) : new ArrayList<>();
    return new CheckpointHistory(null, new ArrayList<>(entries), 0);
  }

  /** Reads the checkpoints of a history file without opening it for writing. */
  public static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    parse(Files.readAllBytes(file), entries);
    return entries;
  }

  private static long parse(byte[] all, List<Entry> out) {
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      try {
        Map<String, Object> m =
            Json.parseObject(new String(all, start, i - start, StandardCharsets.UTF_8));
        out.add(new Entry(((Number) m.get("size")).longValue(), (String) m.get("note")));
      } catch (RuntimeException e) {
        return start;
      }
      start = i + 1;
    }
    return start;
  }

  /** Appends a checkpoint and syncs it. */
  public void append(long size, String note) throws IOException {
    if (file == null) {
      throw new IOException("the checkpoint history is open read-only");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", size);
    m.put("note", note);
    byte[] line = (Jcs.canonicalString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    file.seek(goodBytes);
    file.write(line);
    long at = goodBytes + line.length;
    file.setLength(at);
    file.getFD().sync();
    goodBytes = at;
    entries.add(new Entry(size, note));
  }

  /** All checkpoints, oldest first. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The newest checkpoint, or null. */
  public Entry latest() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
