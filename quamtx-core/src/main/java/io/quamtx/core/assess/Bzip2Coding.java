package io.quamtx.core.assess;

import java.util.function.IntFunction;

/**
 * The bits libbz2 (1.0.x) writes for one block after its Burrows-Wheeler transform, not counting
 * the block header: the symbol map, the Huffman table selectors and tables, and the coded
 * move-to-front values. Follows libbz2's {@code generateMTFValues}, {@code sendMTFValues} and
 * {@code BZ2_hbMakeCodeLengths} exactly (table count by block size, initial split of the alphabet,
 * four refinement rounds over groups of 50 symbols, lengths limited to 17 bits by halving the
 * weights), since any difference in a tie or a rounding would change the length.
 */
final class Bzip2Coding {
  private static final int GROUP = 50;
  private static final int ITERATIONS = 4;
  private static final int MAX_LENGTH = 17;
  private static final int LESSER_COST = 0;
  private static final int GREATER_COST = 15;
  private static final int FIELD = 10;

  private Bzip2Coding() {}

  /**
   * Bits of the block whose transform is {@code seqs[0..n)}, written as the numbers (0 to nInUse-1)
   * of the characters in byte order; {@code maps} is how many of the 16 ranges of 16 byte values
   * the block uses; {@code buffer} lends scratch space.
   */
  static long blockBits(byte[] seqs, int n, int nInUse, int maps, IntFunction<short[]> buffer) {
    int alphaSize = nInUse + 2;
    short[] mtfv = buffer.apply(n + 1);
    int nMtf =
        nInUse <= 16
            ? packedMoveToFront(seqs, n, nInUse, mtfv)
            : moveToFront(seqs, n, nInUse, mtfv);
    return 16 + 16L * maps + huffmanBits(mtfv, nMtf, alphaSize);
  }

  /** libbz2's move-to-front with runs of zeros written in bijective base 2 (RUNA, RUNB). */
  static int moveToFront(byte[] seqs, int n, int nInUse, short[] out) {
    byte[] yy = new byte[256];
    for (int i = 0; i < nInUse; i++) {
      yy[i] = (byte) i;
    }
    int wr = 0;
    int zPend = 0;
    for (int i = 0; i < n; i++) {
      byte ll = seqs[i];
      if (yy[0] == ll) {
        zPend++;
        continue;
      }
      wr = zeroRun(zPend, out, wr);
      zPend = 0;
      int j = 1;
      byte tmp = yy[0];
      while (yy[j] != ll) {
        byte t2 = yy[j];
        yy[j] = tmp;
        tmp = t2;
        j++;
      }
      yy[j] = tmp;
      yy[0] = ll;
      out[wr++] = (short) (j + 1);
    }
    return endOfBlock(zPend, nInUse, out, wr);
  }

  /**
   * The same coding for at most 16 symbols, with the list held as 16 nibbles of a long: the
   * symbol's position is the lowest zero nibble of the list XOR the symbol repeated, and the move
   * is two masks and a shift.
   */
  static int packedMoveToFront(byte[] seqs, int n, int nInUse, short[] out) {
    long yy = 0xFEDCBA9876543210L;
    int wr = 0;
    int zPend = 0;
    for (int i = 0; i < n; i++) {
      long ll = seqs[i];
      if ((yy & 15) == ll) {
        zPend++;
        continue;
      }
      wr = zeroRun(zPend, out, wr);
      zPend = 0;
      long x = yy ^ (ll * 0x1111111111111111L);
      long zero = (x - 0x1111111111111111L) & ~x & 0x8888888888888888L;
      int j = Long.numberOfTrailingZeros(zero) >>> 2;
      long below = yy & ((1L << (4 * j)) - 1);
      long above = yy & (-1L << (4 * j) << 4);
      yy = above | below << 4 | ll;
      out[wr++] = (short) (j + 1);
    }
    return endOfBlock(zPend, nInUse, out, wr);
  }

  private static int endOfBlock(int zPend, int nInUse, short[] out, int wr) {
    wr = zeroRun(zPend, out, wr);
    out[wr++] = (short) (nInUse + 1);
    return wr;
  }

  private static int zeroRun(int zPend, short[] out, int wr) {
    if (zPend == 0) {
      return wr;
    }
    int z = zPend - 1;
    while (true) {
      int sym = z & 1;
      out[wr++] = (short) sym;
      if (z < 2) {
        return wr;
      }
      z = (z - 2) / 2;
    }
  }

  /**
   * The selector, table and data bits of sendMTFValues. Each group of 50 values is reduced once to
   * its symbol counts, which is all a refinement round looks at; a round whose selectors equal the
   * previous round's would repeat it exactly, so the rounds stop there with libbz2's result.
   */
  static long huffmanBits(short[] mtfv, int nMtf, int alphaSize) {
    int nGroups = nMtf < 200 ? 2 : nMtf < 600 ? 3 : nMtf < 1200 ? 4 : nMtf < 2400 ? 5 : 6;
    int[] counts = groupCounts(mtfv, nMtf, alphaSize);
    int[][] len = initialLengths(totals(counts, alphaSize), nMtf, nGroups, alphaSize);
    int[][] rfreq = new int[nGroups][alphaSize];
    int nSelectors = (nMtf + GROUP - 1) / GROUP;
    byte[] selector = new byte[nSelectors];
    byte[] previous = new byte[nSelectors];
    for (int iter = 0; iter < ITERATIONS; iter++) {
      chooseTables(counts, len, rfreq, selector);
      if (iter > 0 && java.util.Arrays.equals(selector, previous)) {
        break;
      }
      for (int t = 0; t < nGroups; t++) {
        makeCodeLengths(len[t], rfreq[t], alphaSize, MAX_LENGTH);
      }
      System.arraycopy(selector, 0, previous, 0, nSelectors);
    }
    long bits = 3 + 15 + selectorBits(selector, nGroups);
    for (int t = 0; t < nGroups; t++) {
      bits += tableBits(len[t]);
      for (int v = 0; v < alphaSize; v++) {
        bits += (long) rfreq[t][v] * len[t][v];
      }
    }
    return bits;
  }

  /** For each group of 50 values (the last may be shorter), how often each symbol occurs in it. */
  private static int[] groupCounts(short[] mtfv, int nMtf, int alphaSize) {
    int[] counts = new int[(nMtf + GROUP - 1) / GROUP * alphaSize];
    int base = 0;
    for (int gs = 0; gs < nMtf; gs += GROUP, base += alphaSize) {
      int ge = Math.min(gs + GROUP, nMtf);
      for (int i = gs; i < ge; i++) {
        counts[base + mtfv[i]]++;
      }
    }
    return counts;
  }

  /**
   * Each symbol's frequency in the block, summed from the per-group counts rather than counted
   * during the move-to-front pass, where the increments would chain through memory.
   */
  private static int[] totals(int[] counts, int alphaSize) {
    int[] freq = new int[alphaSize];
    for (int base = 0; base < counts.length; base += alphaSize) {
      for (int v = 0; v < alphaSize; v++) {
        freq[v] += counts[base + v];
      }
    }
    return freq;
  }

  private static int[][] initialLengths(int[] freq, int nMtf, int nGroups, int alphaSize) {
    int[][] len = new int[nGroups][alphaSize];
    int nPart = nGroups;
    int remF = nMtf;
    int gs = 0;
    while (nPart > 0) {
      int tFreq = remF / nPart;
      int ge = gs - 1;
      int aFreq = 0;
      while (aFreq < tFreq && ge < alphaSize - 1) {
        ge++;
        aFreq += freq[ge];
      }
      if (ge > gs && nPart != nGroups && nPart != 1 && ((nGroups - nPart) % 2 == 1)) {
        aFreq -= freq[ge];
        ge--;
      }
      for (int v = 0; v < alphaSize; v++) {
        len[nPart - 1][v] = v >= gs && v <= ge ? LESSER_COST : GREATER_COST;
      }
      nPart--;
      gs = ge + 1;
      remF -= aFreq;
    }
    return len;
  }

  /**
   * One refinement round: each group of 50 values takes the table that codes it in the fewest bits
   * (the first on a tie), and the values are counted per chosen table. The costs of all tables
   * travel packed in one long, 10 bits each (a group costs at most 50 * 17 bits), so one multiply
   * per symbol prices a group's counts under every table at once.
   */
  private static void chooseTables(int[] counts, int[][] len, int[][] rfreq, byte[] selector) {
    int nGroups = len.length;
    int alphaSize = len[0].length;
    long[] packed = new long[alphaSize];
    for (int v = 0; v < alphaSize; v++) {
      for (int t = 0; t < nGroups; t++) {
        packed[v] |= (long) len[t][v] << (FIELD * t);
      }
    }
    for (int[] r : rfreq) {
      java.util.Arrays.fill(r, 0);
    }
    for (int s = 0, base = 0; s < selector.length; s++, base += alphaSize) {
      long cost = 0;
      for (int v = 0; v < alphaSize; v++) {
        cost += packed[v] * counts[base + v];
      }
      int bt = best(cost, nGroups);
      selector[s] = (byte) bt;
      int[] r = rfreq[bt];
      for (int v = 0; v < alphaSize; v++) {
        r[v] += counts[base + v];
      }
    }
  }

  private static int best(long cost, int nGroups) {
    int bt = 0;
    int bc = Integer.MAX_VALUE;
    for (int t = 0; t < nGroups; t++) {
      int c = (int) ((cost >>> (FIELD * t)) & ((1 << FIELD) - 1));
      if (c < bc) {
        bc = c;
        bt = t;
      }
    }
    return bt;
  }

  private static long selectorBits(byte[] selector, int nGroups) {
    byte[] pos = new byte[nGroups];
    for (int i = 0; i < nGroups; i++) {
      pos[i] = (byte) i;
    }
    long bits = 0;
    for (byte sel : selector) {
      int j = 0;
      byte tmp = pos[0];
      while (sel != tmp) {
        j++;
        byte t2 = tmp;
        tmp = pos[j];
        pos[j] = t2;
      }
      pos[0] = tmp;
      bits += j + 1;
    }
    return bits;
  }

  private static long tableBits(int[] len) {
    long bits = 5;
    int curr = len[0];
    for (int l : len) {
      bits += 2L * Math.abs(l - curr) + 1;
      curr = l;
    }
    return bits;
  }

  /**
   * libbz2's Huffman code lengths: a binary heap on weights that carry the subtree depth in their
   * low 8 bits (so equal weights prefer shallower trees); if a code exceeds {@code maxLen}, every
   * weight becomes 1 + half of it and the tree is rebuilt.
   */
  static void makeCodeLengths(int[] len, int[] freq, int alphaSize, int maxLen) {
    int[] heap = new int[alphaSize + 2];
    int[] weight = new int[alphaSize * 2];
    int[] parent = new int[alphaSize * 2];
    for (int i = 0; i < alphaSize; i++) {
      weight[i + 1] = (freq[i] == 0 ? 1 : freq[i]) << 8;
    }
    while (true) {
      buildTree(heap, weight, parent, alphaSize);
      boolean tooLong = false;
      for (int i = 1; i <= alphaSize; i++) {
        int j = 0;
        for (int k = i; parent[k] >= 0; k = parent[k]) {
          j++;
        }
        len[i - 1] = j;
        tooLong |= j > maxLen;
      }
      if (!tooLong) {
        return;
      }
      for (int i = 1; i <= alphaSize; i++) {
        weight[i] = (1 + (weight[i] >> 8) / 2) << 8;
      }
    }
  }

  private static void buildTree(int[] heap, int[] weight, int[] parent, int alphaSize) {
    int nNodes = alphaSize;
    int nHeap = 0;
    heap[0] = 0;
    weight[0] = 0;
    parent[0] = -2;
    for (int i = 1; i <= alphaSize; i++) {
      parent[i] = -1;
      heap[++nHeap] = i;
      upHeap(heap, weight, nHeap);
    }
    while (nHeap > 1) {
      int n1 = heap[1];
      heap[1] = heap[nHeap--];
      downHeap(heap, weight, nHeap);
      int n2 = heap[1];
      heap[1] = heap[nHeap--];
      downHeap(heap, weight, nHeap);
      nNodes++;
      parent[n1] = nNodes;
      parent[n2] = nNodes;
      int w1 = weight[n1];
      int w2 = weight[n2];
      weight[nNodes] =
          ((w1 & 0xffffff00) + (w2 & 0xffffff00)) | (1 + Math.max(w1 & 0xff, w2 & 0xff));
      parent[nNodes] = -1;
      heap[++nHeap] = nNodes;
      upHeap(heap, weight, nHeap);
    }
  }

  private static void upHeap(int[] heap, int[] weight, int z) {
    int tmp = heap[z];
    while (weight[tmp] < weight[heap[z >> 1]]) {
      heap[z] = heap[z >> 1];
      z >>= 1;
    }
    heap[z] = tmp;
  }

  private static void downHeap(int[] heap, int[] weight, int nHeap) {
    int zz = 1;
    int tmp = heap[zz];
    while (true) {
      int yy = zz << 1;
      if (yy > nHeap) {
        break;
      }
      if (yy < nHeap && weight[heap[yy + 1]] < weight[heap[yy]]) {
        yy++;
      }
      if (weight[tmp] < weight[heap[yy]]) {
        break;
      }
      heap[zz] = heap[yy];
      zz = yy;
    }
    heap[zz] = tmp;
  }
}
