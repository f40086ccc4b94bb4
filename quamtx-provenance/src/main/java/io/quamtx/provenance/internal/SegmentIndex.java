package io.quamtx.provenance.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The index file beside a segment ({@code %020d.idx} beside {@code %020d.seg}, docs/FORMAT.md
 * section Storage): a 16-byte header, ASCII {@code QMTXIDX1} and the segment's first sequence
 * number (u64 big-endian), then one fixed 40-byte entry per record in sequence order: the byte
 * offset of the record's frame in the segment (u64 big-endian) and its chain hash (32 bytes). The
 * entry of record {@code seq} is at {@code 16 + 40 * (seq - first)}, so a provenance id, which
 * carries its sequence number, finds its frame with one read.
 *
 * <p>The index is derived data and never trusted over the segment: it is written in blocks of about
 * 4 KiB (and whenever the log flushes it) rather than per record, and not synced, a reader checks
 * the frame it points to (CRC-32C, id, chain hash) and walks the segment instead when they
 * disagree, and opening the log for writing rewrites any index that does not match the segment it
 * has just scanned. Not thread-safe; the log's single writer appends.
 */
public final class SegmentIndex implements Closeable {
  /** Index header magic. */
  public static final byte[] MAGIC = "QMTXIDX1".getBytes(StandardCharsets.US_ASCII);

  /** Bytes of the header. */
  public static final int HEADER = 16;

  /** Bytes of one entry. */
  public static final int ENTRY = 40;

  private static final int BUFFERED = 102;
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final RandomAccessFile file;
  private final long firstSeq;
  private final byte[] buffer = new byte[BUFFERED * ENTRY];
  private long entries;
  private int buffered;

  private SegmentIndex(RandomAccessFile file, long firstSeq, long entries) {
    this.file = file;
    this.firstSeq = firstSeq;
    this.entries = entries;
  }

  /** The index path of a segment path. */
  public static Path pathOf(Path segment) {
    String name = segment.getFileName().toString();
    return segment.resolveSibling(name.substring(0, name.length() - 4) + ".idx");
  }

  /** The whole content of an index over the given frame offsets and chain hashes. */
  public static byte[] content(long firstSeq, long[] offsets, byte[][] hashes) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + ENTRY * offsets.length);
    b.put(MAGIC).putLong(firstSeq);
    for (int i = 0; i < offsets.length; i++) {
      b.putLong(offsets[i]).put(hashes[i]);
    }
    return b.array();
  }

  /**
   * Makes the index of a segment hold exactly {@code content}, rewriting it (through a temporary
   * file and a rename) only when it differs: missing, torn, stale after a cut tail, or altered.
   *
   * @return true when the file was rewritten
   */
  public static boolean ensure(Path segment, byte[] content) throws IOException {
    Path idx = pathOf(segment);
    if (Files.exists(idx) && Arrays.equals(Files.readAllBytes(idx), content)) {
      return false;
    }
    DurableFiles.writeAtomically(idx, content, false);
    return true;
  }

  /** Opens a segment's index for appending after its {@code entries} existing entries. */
  public static SegmentIndex openForAppend(Path segment, long firstSeq, long entries)
      throws IOException {
    Path idx = pathOf(segment);
    RandomAccessFile f = new RandomAccessFile(idx.toFile(), "rw");
    if (f.length() < HEADER) {
      f.seek(0);
      f.write(ByteBuffer.allocate(HEADER).put(MAGIC).putLong(firstSeq).array());
    }
    f.setLength(HEADER + ENTRY * entries);
    return new SegmentIndex(f, firstSeq, entries);
  }

  /** First sequence number of the segment this index covers. */
  public long firstSeq() {
    return firstSeq;
  }

  /** Appends the entries of the next records, written with the next full block or flush. */
  public void append(long[] offsets, byte[][] hashes, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      if (buffered == BUFFERED) {
        flush();
      }
      int at = buffered * ENTRY;
      LONG.set(buffer, at, offsets[i]);
      System.arraycopy(hashes[i], 0, buffer, at + 8, 32);
      buffered++;
    }
  }

  /**
   * Writes the entries held back so far. Appends gather entries in memory and write them a block at
   * a time (a lookup of a record whose entry is not written yet walks the segment instead), so an
   * append costs no system call for its index.
   */
  public void flush() throws IOException {
    if (buffered == 0) {
      return;
    }
    file.seek(HEADER + ENTRY * entries);
    file.write(buffer, 0, buffered * ENTRY);
    entries += buffered;
    buffered = 0;
  }

  /** Syncs the index (when its segment is sealed, and on close). */
  public void sync() throws IOException {
    flush();
    file.getFD().sync();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      file.close();
    }
  }

  /** One index entry: where a record's frame starts and the chain hash the index expects. */
  public record Entry(long offset, byte[] chainHash) {}

  /**
   * Reads the entry of {@code seq} from the index of the segment starting at {@code firstSeq}.
   *
   * @return null when there is no index, its header is wrong, or it stops before that entry
   */
  public static Entry read(Path segment, long firstSeq, long seq) throws IOException {
    Path idx = pathOf(segment);
    if (!Files.isRegularFile(idx) || seq < firstSeq) {
      return null;
    }
    try (RandomAccessFile f = new RandomAccessFile(idx.toFile(), "r")) {
      long pos = HEADER + ENTRY * (seq - firstSeq);
      if (f.length() < pos + ENTRY) {
        return null;
      }
      byte[] h = new byte[HEADER];
      f.readFully(h);
      if (!Arrays.equals(MAGIC, Arrays.copyOf(h, 8)) || ByteBuffer.wrap(h).getLong(8) != firstSeq) {
        return null;
      }
      byte[] e = new byte[ENTRY];
      f.seek(pos);
      f.readFully(e);
      return new Entry(ByteBuffer.wrap(e).getLong(), Arrays.copyOfRange(e, 8, ENTRY));
    }
  }
}
