package io.quamtx.provenance.internal;

import io.quamtx.provenance.LogCorruptException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Segment files of framed records: the storage layer of the log.
 *
 * <p>A segment is named after the sequence number of its first record ({@code %020d.seg}) and
 * starts with a 16-byte header: ASCII {@code QMTXSEG1} and that sequence number as a big-endian
 * u64. Frames follow: u32 payload length, u32 CRC-32C of the payload (both big-endian), payload.
 * Only the last segment is written; earlier ones are sealed. The segment list is copy-on-write so a
 * sync may run beside an append. A new segment's header is written through a temporary file and a
 * rename, and the directory is synced, so a segment never exists without its header
 * (docs/FORMAT.md, section Storage).
 *
 * <p>A record is addressed by a locator: segment index in the high 24 bits, byte offset of its
 * frame in the low 40. Not thread-safe for writing (the log has one writer); positional reads
 * ({@link #read}) may run concurrently with appends.
 */
public final class SegmentStore implements Closeable {
  /** Segment header magic. */
  public static final byte[] MAGIC = "QMTXSEG1".getBytes(StandardCharsets.US_ASCII);

  /** Bytes of the segment header. */
  public static final int HEADER = 16;

  /** Bytes before each payload. */
  public static final int FRAME_HEADER = 8;

  /** Largest payload accepted; records are a few hundred bytes. */
  public static final int MAX_PAYLOAD = 1 << 20;

  private static final String SUFFIX = ".seg";

  private final Path dir;
  private final long maxSegmentBytes;
  private final boolean readOnly;
  private final List<Segment> segments = new CopyOnWriteArrayList<>();
  private long tailSize;
  private long scanned;
  private Supplier<String> rejection = () -> null;

  /** Checks one payload during a scan; false marks the frame bad. */
  public interface PayloadCheck {
    boolean accept(long locator, byte[] payload);
  }

  /** Where a scan stopped at a bad frame of the last segment, or null fields when all was good. */
  public record TailDamage(int segment, long offset, long bytesAfter, String reason) {}

  /**
   * One segment file. I/O goes through RandomAccessFile, not FileChannel: an interrupt of a thread
   * inside a FileChannel operation closes the channel for every thread, and callers of the log may
   * well be interrupted (a cancelled request). Seek-and-transfer pairs hold the segment's monitor;
   * a sync does not need it.
   */
  private static final class Segment {
    final long firstSeq;
    final Path path;
    final RandomAccessFile file;
    private long pointer = -1;

    Segment(long firstSeq, Path path, RandomAccessFile file) {
      this.firstSeq = firstSeq;
      this.path = path;
      this.file = file;
    }

    synchronized boolean readAt(long pos, byte[] buf) throws IOException {
      if (pos + buf.length > file.length()) {
        return false;
      }
      seek(pos);
      file.readFully(buf);
      pointer = pos + buf.length;
      return true;
    }

    synchronized void writeAt(long pos, byte[] buf, int len) throws IOException {
      seek(pos);
      file.write(buf, 0, len);
      pointer = pos + len;
    }

    synchronized void truncate(long size) throws IOException {
      pointer = -1;
      file.setLength(size);
    }

    /** Consecutive appends skip the seek system call; a failed transfer leaves it unknown. */
    private void seek(long pos) throws IOException {
      if (pointer != pos) {
        pointer = -1;
        file.seek(pos);
      }
      pointer = -1;
    }

    long size() throws IOException {
      return file.length();
    }

    void sync() throws IOException {
      file.getFD().sync();
    }
  }

  private SegmentStore(Path dir, long maxSegmentBytes, boolean readOnly) {
    this.dir = dir;
    this.maxSegmentBytes = maxSegmentBytes;
    this.readOnly = readOnly;
  }

  /**
   * Opens the segments in {@code dir} (none is fine): earlier ones read-only, the last for append.
   *
   * @throws LogCorruptException when a segment header is wrong
   */
  public static SegmentStore open(Path dir, long maxSegmentBytes)
      throws IOException, LogCorruptException {
    return open(dir, maxSegmentBytes, false);
  }

  /** Opens every segment for reading only (fsck, audits of a copied log); appends throw. */
  public static SegmentStore openReadOnly(Path dir) throws IOException, LogCorruptException {
    return open(dir, Long.MAX_VALUE, true);
  }

  private static SegmentStore open(Path dir, long maxSegmentBytes, boolean readOnly)
      throws IOException, LogCorruptException {
    SegmentStore s = new SegmentStore(dir, maxSegmentBytes, readOnly);
    List<Path> files = listSegments(dir);
    for (int i = 0; i < files.size(); i++) {
      s.openSegment(files.get(i), !readOnly && i == files.size() - 1);
    }
    if (!s.segments.isEmpty()) {
      s.tailSize = s.last().size();
    }
    return s;
  }

  private static List<Path> listSegments(Path dir) throws IOException {
    try (Stream<Path> st = Files.list(dir)) {
      return st.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg")).sorted().toList();
    }
  }

  private void openSegment(Path p, boolean writable) throws IOException, LogCorruptException {
    RandomAccessFile f = new RandomAccessFile(p.toFile(), writable ? "rw" : "r");
    Segment seg = new Segment(Long.parseLong(p.getFileName().toString().substring(0, 20)), p, f);
    byte[] h = new byte[HEADER];
    if (!seg.readAt(0, h)
        || !Arrays.equals(MAGIC, Arrays.copyOf(h, 8))
        || ByteBuffer.wrap(h).getLong(8) != seg.firstSeq) {
      f.close();
      throw new LogCorruptException("segment " + p + " has a bad header (byte 0)", p, 0);
    }
    segments.add(seg);
  }

  /** Number of segments. */
  public int segmentCount() {
    return segments.size();
  }

  /** Path of a segment. */
  public Path segmentPath(int index) {
    return segments.get(index).path;
  }

  /** First sequence number of a segment. */
  public long segmentFirstSeq(int index) {
    return segments.get(index).firstSeq;
  }

  /**
   * Reads every frame in order, handing each payload to {@code check}. Each segment's header must
   * start at the sequence number that follows the records before it.
   *
   * <p>Only a torn write may end the log early, and a torn write can only leave the last frame
   * short: its length runs past the end of the file (or the file ends inside the frame header, or
   * only zero bytes follow). A frame that is whole but fails its CRC-32C or the {@code check}, a
   * short frame whose bytes after all hold a whole payload matching its CRC (a damaged length), or
   * any bad frame in a sealed segment is corruption.
   *
   * @return null when every frame was good, else the torn frame at the end of the last segment
   * @throws LogCorruptException naming segment, byte offset and sequence number of the damage
   */
  public TailDamage scan(PayloadCheck check) throws IOException, LogCorruptException {
    return scan(check, () -> null);
  }

  /**
   * {@link #scan(PayloadCheck)}, naming in a corruption message why {@code check} rejected a frame
   * ({@code why} is asked right after a rejection).
   */
  public TailDamage scan(PayloadCheck check, Supplier<String> why)
      throws IOException, LogCorruptException {
    rejection = why;
    long seq = 0;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.firstSeq != seq) {
        throw new LogCorruptException(
            "segment "
                + s.path
                + " says it starts at record "
                + s.firstSeq
                + " but the records"
                + " before it end at "
                + (seq - 1)
                + "; a segment is missing or was planted",
            s.path,
            0,
            s.firstSeq);
      }
      TailDamage d = scanSegment(i, seq, check);
      if (d != null) {
        return d;
      }
      seq = scanned;
    }
    return null;
  }

  private TailDamage scanSegment(int index, long firstSeq, PayloadCheck check)
      throws IOException, LogCorruptException {
    Segment seg = segments.get(index);
    long size = seg.size();
    long pos = HEADER;
    scanned = firstSeq;
    while (pos < size) {
      Object r = readFrame(seg, pos, size);
      if (r instanceof String) {
        return tornOrCorrupt(index, pos, (String) r);
      }
      byte[] payload = (byte[]) r;
      if (!check.accept(locator(index, pos), payload)) {
        String reason = rejection.get();
        throw corrupt(
            index,
            pos,
            "a whole frame that fails the chain check"
                + (reason == null ? "" : " (" + reason + ")"));
      }
      pos += FRAME_HEADER + payload.length;
      scanned++;
    }
    return null;
  }

  private TailDamage tornOrCorrupt(int index, long pos, String reason)
      throws IOException, LogCorruptException {
    Segment seg = segments.get(index);
    long size = seg.size();
    if (index != segments.size() - 1) {
      throw corrupt(index, pos, reason + " inside a sealed segment");
    }
    if (!isShortFrame(seg, pos, size)) {
      throw corrupt(index, pos, reason + " in a whole frame (a torn write leaves a short one)");
    }
    if (findFrameAfter(index, pos + 1) >= 0) {
      throw corrupt(index, pos, reason + "; good frames follow, so this is not a torn write");
    }
    return new TailDamage(index, pos, size - pos, reason);
  }

  private LogCorruptException corrupt(int index, long pos, String what) {
    Path p = segments.get(index).path;
    return new LogCorruptException(
        "corrupt log: " + what + " in " + p + " at byte " + pos + " (record " + scanned + ")",
        p,
        pos,
        scanned);
  }

  /**
   * True when the frame at pos is cut short as only a torn write leaves it: the file ends inside
   * its header, its length runs past the end (and the bytes that are there do not make a whole
   * payload with the stored CRC, which would mean the length itself was damaged), or nothing but
   * zero bytes follow (space allocated but never written).
   */
  private static boolean isShortFrame(Segment seg, long pos, long size) throws IOException {
    if (size - pos < FRAME_HEADER || allZero(seg, pos, size)) {
      return true;
    }
    byte[] hb = new byte[FRAME_HEADER];
    seg.readAt(pos, hb);
    ByteBuffer h = ByteBuffer.wrap(hb);
    long len = Integer.toUnsignedLong(h.getInt(0));
    long rest = size - pos - FRAME_HEADER;
    if (len <= rest || rest > MAX_PAYLOAD) {
      return false;
    }
    byte[] payload = new byte[(int) rest];
    seg.readAt(pos + FRAME_HEADER, payload);
    return rest == 0 || crc(payload) != h.getInt(4);
  }

  private static boolean allZero(Segment seg, long pos, long size) throws IOException {
    if (size - pos > MAX_PAYLOAD + FRAME_HEADER) {
      return false;
    }
    byte[] rest = new byte[(int) (size - pos)];
    seg.readAt(pos, rest);
    for (byte b : rest) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The payload at pos, or a String saying why there is no good frame there. */
  private static Object readFrame(Segment seg, long pos, long size) throws IOException {
    if (size - pos < FRAME_HEADER) {
      return "short frame header";
    }
    byte[] hb = new byte[FRAME_HEADER];
    seg.readAt(pos, hb);
    ByteBuffer h = ByteBuffer.wrap(hb);
    int len = h.getInt(0);
    if (len <= 0 || len > MAX_PAYLOAD || size - pos - FRAME_HEADER < len) {
      return "frame length " + Integer.toUnsignedString(len) + " does not fit";
    }
    byte[] payload = new byte[len];
    seg.readAt(pos + FRAME_HEADER, payload);
    return crc(payload) == h.getInt(4) ? payload : "CRC-32C mismatch";
  }

  /** Offset of the first byte from {@code from} where a whole frame with a good CRC starts. */
  private long findFrameAfter(int index, long from) throws IOException {
    Segment seg = segments.get(index);
    long size = seg.size();
    for (long p = from; p + FRAME_HEADER < size; p++) {
      if (readFrame(seg, p, size) instanceof byte[]) {
        return p;
      }
    }
    return -1;
  }

  /**
   * Cuts the last segment back to {@code offset}, first copying the cut bytes to a file named
   * {@code cut-<offset>-<segment>} beside it so nothing is destroyed.
   *
   * @return the path of the copy of the cut bytes
   */
  public Path cutTail(long offset) throws IOException {
    Segment s = last();
    long size = s.size();
    byte[] cut = new byte[(int) Math.min(size - offset, Integer.MAX_VALUE - 16)];
    s.readAt(offset, cut);
    Path copy = dir.resolve("cut-" + offset + "-" + s.path.getFileName());
    DurableFiles.writeAtomically(copy, cut, false);
    s.truncate(offset);
    s.sync();
    tailSize = offset;
    return copy;
  }

  /**
   * Writes one frame at the end of the log, starting a new segment first when needed. Not durable
   * until {@link #force()}.
   *
   * @return the locator of the frame
   */
  public long append(long seq, byte[] payload) throws IOException {
    return append(seq, List.of(payload))[0];
  }

  /**
   * Writes the frames of consecutive records {@code firstSeq, firstSeq + 1, ...} at the end of the
   * log with one write per segment they land in (a group commit's records go to the disk in one
   * transfer). Not durable until {@link #force()}.
   *
   * @return the locators of the frames, in order
   */
  public long[] append(long firstSeq, List<byte[]> payloads) throws IOException {
    if (readOnly) {
      throw new IOException("segments in " + dir + " are open read-only");
    }
    long[] at = new long[payloads.size()];
    ByteBuffer out = ByteBuffer.allocate(framedLength(payloads));
    for (int i = 0; i < at.length; i++) {
      byte[] payload = payloads.get(i);
      if (segments.isEmpty()
          || tailSize + out.position() + FRAME_HEADER + payload.length > maxSegmentBytes) {
        flush(out);
        roll(firstSeq + i);
      }
      at[i] = locator(segments.size() - 1, tailSize + out.position());
      out.putInt(payload.length).putInt(crc(payload)).put(payload);
    }
    flush(out);
    return at;
  }

  private static int framedLength(List<byte[]> payloads) {
    long n = 0;
    for (byte[] p : payloads) {
      if (p.length > MAX_PAYLOAD) {
        throw new IllegalArgumentException("record of " + p.length + " bytes is too large");
      }
      n += FRAME_HEADER + p.length;
    }
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a group of " + payloads.size() + " records is too large");
    }
    return (int) n;
  }

  /** Writes the frames gathered in {@code out} at the tail and empties it. */
  private void flush(ByteBuffer out) throws IOException {
    if (out.position() == 0) {
      return;
    }
    last().writeAt(tailSize, out.array(), out.position());
    tailSize += out.position();
    out.clear();
  }

  /** Makes every appended frame durable (fsync of the last segment). */
  public void force() throws IOException {
    if (!segments.isEmpty()) {
      last().sync();
    }
  }

  private void roll(long firstSeq) throws IOException {
    if (!segments.isEmpty()) {
      last().sync();
    }
    Path p = dir.resolve(String.format("%020d", firstSeq) + SUFFIX);
    ByteBuffer h = ByteBuffer.allocate(HEADER).put(MAGIC).putLong(firstSeq);
    DurableFiles.writeAtomically(p, h.array(), false);
    segments.add(new Segment(firstSeq, p, new RandomAccessFile(p.toFile(), "rw")));
    tailSize = HEADER;
  }

  /**
   * Reads the payload of the frame at a locator (no CRC check: the frame was checked when the log
   * was opened or written). Safe to call concurrently with appends.
   */
  public byte[] read(long locator) throws IOException {
    Segment seg = segments.get(segmentOf(locator));
    long pos = offsetOf(locator);
    byte[] h = new byte[FRAME_HEADER];
    if (!seg.readAt(pos, h)) {
      throw new IOException("no frame at byte " + pos);
    }
    byte[] payload = new byte[ByteBuffer.wrap(h).getInt(0)];
    if (!seg.readAt(pos + FRAME_HEADER, payload)) {
      throw new IOException("frame at byte " + pos + " is cut short");
    }
    return payload;
  }

  /**
   * The segment that holds record {@code seq} by the first sequence numbers in the segment names (a
   * binary search; no segment is read), or -1 when seq precedes them all.
   */
  public int segmentFor(long seq) {
    int lo = 0;
    int hi = segments.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (segments.get(mid).firstSeq <= seq) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The payload of a whole frame with a good CRC-32C at an offset of a segment, or null. */
  public byte[] readChecked(int segment, long offset) throws IOException {
    Segment seg = segments.get(segment);
    if (offset < HEADER) {
      return null;
    }
    Object r = readFrame(seg, offset, seg.size());
    return r instanceof byte[] ? (byte[]) r : null;
  }

  /**
   * The offset of the frame {@code k} frames after the segment header, walking the frame lengths
   * (no payload is read), or -1 when the segment ends first.
   */
  public long walkTo(int segment, long k) throws IOException {
    Segment seg = segments.get(segment);
    long size = seg.size();
    long pos = HEADER;
    byte[] hb = new byte[FRAME_HEADER];
    for (long i = 0; i < k; i++) {
      if (!seg.readAt(pos, hb)) {
        return -1;
      }
      pos += FRAME_HEADER + Integer.toUnsignedLong(ByteBuffer.wrap(hb).getInt(0));
    }
    return pos + FRAME_HEADER <= size ? pos : -1;
  }

  /** Bytes in the last segment. */
  public long tailSize() {
    return tailSize;
  }

  /** CRC-32C of bytes, as stored in frames. */
  public static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b);
    return (int) c.getValue();
  }

  public static long locator(int segment, long offset) {
    return ((long) segment << 40) | offset;
  }

  public static int segmentOf(long locator) {
    return (int) (locator >>> 40);
  }

  public static long offsetOf(long locator) {
    return locator & ((1L << 40) - 1);
  }

  private Segment last() {
    return segments.get(segments.size() - 1);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Segment s : segments) {
      try {
        s.file.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
