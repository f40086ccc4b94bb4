package io.quamtx.core.assess;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The exact length libbz2 (block size 5, default work factor) gives to the permutation test's text,
 * the sample values in decimal separated by single spaces, computed without compressing.
 *
 * <p>A bzip2 stream's length depends only on each block's Burrows-Wheeler transform and on the
 * Huffman tables libbz2 derives from it, so this class reproduces libbz2's block cutting, its
 * move-to-front and zero-run coding, its four rounds of table refinement and its length-limited
 * Huffman construction step for step, and counts bits instead of writing them. The text never holds
 * four equal characters in a row, so libbz2's first run-length stage leaves it unchanged.
 *
 * <p>The transform is where libbz2 spends its time, and here the text's shape makes it cheap. Each
 * token is at most three digits and a space, and the space sorts below every digit, so tokens are
 * prefix-free: two rotations of a block compare first by the partial token they start with, then as
 * the rotations of the token sequence that follows. One sort of the token rotations (a third of the
 * characters, over a few hundred distinct tokens) and one bucket pass by partial token give the
 * sorted rotations. Rotations that tie are equal strings (a periodic block) and contribute equal
 * characters, so any tie order yields libbz2's transform.
 *
 * <p>Each thread reuses its own buffers; calls are thread-safe.
 */
final class DecimalBzip2 {
  private static final int BLOCK = 5 * 100_000 - 19;
  private static final int STREAM_BITS = 32 + 80;
  private static final int BLOCK_HEADER_BITS = 48 + 32 + 1 + 24;
  private static final int SHORT_KEYS = 11 * 11 * 11 * 11;
  private static final int WIDEST_TOKEN = 7;
  private static final int TINY_BLOCK = 64;
  private static final int MAX_CLASSES = 1 << 11;
  private static final int CLASS_MASK = MAX_CLASSES - 1;

  /**
   * Where the third and fourth characters of a shorter token go: every token packs four fields so
   * that the pass in rotation order has no branch on the token's length, and these two classes,
   * which no partial token uses, collect the unused fields past the end of the transform.
   */
  private static final int SPARE_THIRD = MAX_CLASSES - 2;

  private static final int SPARE_FOURTH = MAX_CLASSES - 1;
  private static final int FIELD_BITS = 15;

  /** Marks the first token as the one before a rotation; no partial token has this class. */
  private static final int FIRST_TOKEN = SPARE_THIRD;

  /** Where a sort item holds its rotation (19 bits) and the class of the token before it. */
  private static final int INDEX_SHIFT = 32;

  private static final int INDEX_MASK = (1 << 19) - 1;
  private static final int BEFORE_SHIFT = 51;
  private static final int TIE_LIMIT = 64;
  private static final int[] POWERS = {1, 11, 121, 1331, 14641};
  private static final int PACKED_BITS = 30;
  private static final int DIGIT_BITS = 11;
  private static final ThreadLocal<DecimalBzip2> WORKSPACE =
      ThreadLocal.withInitial(DecimalBzip2::new);
  private static final VarHandle FOUR_CHARS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Each byte value's token, its digits and a space, as four characters (first in the low byte).
   */
  private static final int[] TOKEN = new int[256];

  private static final int[] TOKEN_LENGTH = new int[256];

  static {
    for (int v = 0; v < 256; v++) {
      byte[] chars = (v + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (int i = 0; i < chars.length; i++) {
        TOKEN[v] |= chars[i] << (8 * i);
      }
      TOKEN_LENGTH[v] = chars.length;
    }
  }

  private byte[] text = new byte[0];
  private byte[] rotated = new byte[0];
  private byte[] bwt = new byte[0];
  private int[] cls = new int[0];
  private int[] tokenStart = new int[0];
  private char[] tokenClass = new char[0];
  private final long[] codeOfClass = new long[MAX_CLASSES];
  private final byte[] seq = new byte[256];
  private int inUse;
  private int[] tokens = new int[0];
  private int[] sa = new int[0];
  private int[] sa2 = new int[0];
  private int[] rank = new int[0];
  private int[] rank2 = new int[0];
  private int[] count = new int[0];
  private long[] keys = new long[0];
  private long[] keys2 = new long[0];
  private final int[] histograms = new int[3 << DIGIT_BITS];
  private short[] mtf = new short[0];
  private final int[] shortClass = new int[SHORT_KEYS];
  private final boolean[] present = new boolean[SHORT_KEYS];
  private final int[] tokenCount = new int[SHORT_KEYS];

  /**
   * The keys of the block's distinct later tokens, and of its distinct partial tokens past the
   * first token: the loops over keys run over these few hundred, not over all SHORT_KEYS.
   */
  private final int[] distinctTokens = new int[SHORT_KEYS];

  private final int[] presentKeys = new int[SHORT_KEYS];
  private int distinct;
  private int presentCount;

  private DecimalBzip2() {}

  /** The byte length of libbz2's output for {@code raw} written as space-separated decimals. */
  static int length(byte[] raw) {
    return WORKSPACE.get().compressedLength(raw);
  }

  /** The permutation test's text of {@code raw}, as libbz2 receives it. */
  static byte[] text(byte[] raw) {
    DecimalBzip2 w = new DecimalBzip2();
    int len = w.writeText(raw);
    return Arrays.copyOf(w.text, len);
  }

  private int compressedLength(byte[] raw) {
    int len = writeText(raw);
    long bits = STREAM_BITS;
    for (int start = 0; start < len; ) {
      int end = blockEnd(text, start, len);
      bits += BLOCK_HEADER_BITS + blockBits(start, end);
      start = end;
    }
    return (int) ((bits + 7) / 8);
  }

  private int writeText(byte[] raw) {
    if (text.length < raw.length * 4) {
      text = new byte[raw.length * 4];
    }
    // Four characters are stored for every token and the next token starts over the spare ones,
    // which keeps the loop free of branches on the number of digits.
    int p = 0;
    for (byte b : raw) {
      FOUR_CHARS.set(text, p, TOKEN[b & 0xff]);
      p += TOKEN_LENGTH[b & 0xff];
    }
    return Math.max(0, p - 1);
  }

  /**
   * Where libbz2 closes the block begun at {@code start}: at the first boundary between runs of
   * equal characters once the block holds BLOCK characters, unless only the final run is left,
   * which the end of input flushes into the same block.
   */
  static int blockEnd(byte[] text, int start, int len) {
    for (int p = start + BLOCK; p < len - 1; p++) {
      if (text[p] != text[p - 1]) {
        return p;
      }
    }
    return len;
  }

  private long blockBits(int start, int end) {
    int n = end - start;
    int lastSpace = end - 1;
    while (lastSpace >= start && text[lastSpace] != ' ') {
      lastSpace--;
    }
    int head = lastSpace + 1;
    rotated = grow(rotated, n + 3);
    bwt = grow(bwt, n);
    System.arraycopy(text, head, rotated, 0, end - head);
    System.arraycopy(text, start, rotated, end - head, head - start);
    int maps = symbolMap(n);
    int first = 0;
    while (first < n && rotated[first] != ' ') {
      first++;
    }
    if (n < TINY_BLOCK || first >= WIDEST_TOKEN || lastSpace < start) {
      naiveTransform(rotated, n, bwt);
      for (int i = 0; i < n; i++) {
        bwt[i] = seq[bwt[i] & 0xff];
      }
    } else {
      transform(n, first + 1);
    }
    return Bzip2Coding.blockBits(bwt, n, inUse, maps, this::mtfBuffer);
  }

  /**
   * Numbers the characters the block uses in byte order, as libbz2 does; returns how many of the 16
   * ranges of 16 byte values are used.
   */
  private int symbolMap(int n) {
    boolean[] used = new boolean[256];
    for (int i = 0; i < n; i++) {
      used[rotated[i] & 0xff] = true;
    }
    inUse = 0;
    int maps = 0;
    for (int g = 0; g < 16; g++) {
      boolean any = false;
      for (int c = g * 16; c < g * 16 + 16; c++) {
        if (used[c]) {
          seq[c] = (byte) inUse++;
          any = true;
        }
      }
      maps += any ? 1 : 0;
    }
    return maps;
  }

  private short[] mtfBuffer(int size) {
    if (mtf.length < size) {
      mtf = new short[size];
    }
    return mtf;
  }

  /**
   * The transform, as symbol numbers, of a block that ends with a space and whose first token has
   * {@code len0} characters. Every later token packs, per character, its partial-token rank and the
   * preceding character into one long, so the pass in rotation order reads one value per token.
   */
  private void transform(int n, int len0) {
    int m = tokenBounds(n);
    int classes = classify(len0, m);
    if (classes >= SPARE_THIRD) {
      throw new IllegalStateException(classes + " partial tokens; the text is not decimal values");
    }
    rankTokens(m);
    int[] before = rotations(m, classes);
    bucketStarts(n, m, classes, len0);
    for (int k = 0; k < m; k++) {
      if (before[k] == FIRST_TOKEN) {
        for (int c = 0; c < len0; c++) {
          bwt[count[cls[c]]++] = seq[rotated[c == 0 ? n - 1 : c - 1] & 0xff];
        }
        continue;
      }
      long code = codeOfClass[before[k]];
      for (int q = 0; q < 4; q++, code >>>= FIELD_BITS) {
        bwt[count[(int) (code >>> 4) & CLASS_MASK]++] = (byte) (code & 15);
      }
    }
  }

  /**
   * Splits the block into tokens, each ending with a space: token k spans tokenStart[k] to
   * tokenStart[k + 1]. Every character sets where the token after the current one starts, and a
   * space moves on to the next token, so the loop has no branch on the tokens' lengths; the last
   * space leaves tokenStart[m] = n.
   */
  private int tokenBounds(int n) {
    tokenStart = grow(tokenStart, n + 2);
    int m = 0;
    tokenStart[0] = 0;
    for (int c = 0; c < n; c++) {
      tokenStart[m + 1] = c + 1;
      m += ((rotated[c] ^ ' ') - 1) >>> 31;
    }
    return m;
  }

  /**
   * Ranks every partial token (up to and including its space) among those of the block. Past the
   * first token each token has at most three digits, and its partial tokens follow from its base-11
   * key, so the later tokens are counted by key and a table over the keys ranks them; the first
   * token may join a block's tail to its head and its positions are ranked by a search among the
   * merged keys. Leaves each later token's key in {@code tokens}; returns the number of distinct
   * partial tokens.
   */
  private int classify(int len0, int m) {
    tokens = grow(tokens, m);
    clearKeys();
    for (int k = 1; k < m; k++) {
      int key = tokenKey(tokenStart[k]);
      tokens[k] = key;
      if (tokenCount[key]++ == 0) {
        distinctTokens[distinct++] = key;
      }
    }
    for (int t = 0; t < distinct; t++) {
      for (int i = 0; i < 4; i++) {
        int partial = partialKey(distinctTokens[t], i);
        if (!present[partial]) {
          present[partial] = true;
          presentKeys[presentCount++] = partial;
        }
      }
    }
    long[] wide = wideKeys(len0);
    long[] keys = mergedKeys(wide);
    for (int p = 0; p < presentCount; p++) {
      shortClass[presentKeys[p]] = Arrays.binarySearch(keys, presentKeys[p] * 1331L);
    }
    cls = grow(cls, len0);
    for (int c = 0; c < len0; c++) {
      cls[c] = Arrays.binarySearch(keys, wide[c]);
    }
    return keys.length;
  }

  /**
   * The base-11 key of the later token at {@code s} (digits count 1 to 10, the space and what
   * follows it 0), from its four characters at once: a byte is a digit when its bit 4 is set, and
   * the running AND of those bits clears everything from the space on.
   */
  private int tokenKey(int s) {
    int four = (int) FOUR_CHARS.get(rotated, s);
    int digits = four >>> 4 & 0x01010101;
    digits &= digits << 8 | 0x01;
    digits &= digits << 16 | 0x0101;
    int d = ((four & 0x0F0F0F0F) + 0x01010101) & digits * 0xFF;
    return (d & 0xFF) * 1331 + (d >>> 8 & 0xFF) * 121 + (d >>> 16 & 0xFF) * 11 + (d >>> 24);
  }

  /** The key of the partial token {@code i} characters into the token whose key is given. */
  private static int partialKey(int key, int i) {
    return key % POWERS[4 - i] * POWERS[i];
  }

  /** The characters of the token whose key is given, its space included. */
  private static int tokenLength(int key) {
    return 1 + nonZero(key / 1331) + nonZero(key / 121 % 11) + nonZero(key / 11 % 11);
  }

  private static int nonZero(int d) {
    return d == 0 ? 0 : 1;
  }

  /** The first token's positions as seven-digit base-11 keys. */
  private long[] wideKeys(int len0) {
    long[] wide = new long[len0];
    for (int c = 0; c < len0; c++) {
      long k = 0;
      for (int q = 0; q < WIDEST_TOKEN; q++) {
        k = k * 11 + (c + q < len0 ? digit(rotated[c + q]) : 0);
      }
      wide[c] = k;
    }
    return wide;
  }

  /** Forgets the previous block's keys. */
  private void clearKeys() {
    for (int t = 0; t < distinct; t++) {
      tokenCount[distinctTokens[t]] = 0;
    }
    for (int p = 0; p < presentCount; p++) {
      present[presentKeys[p]] = false;
    }
    distinct = 0;
    presentCount = 0;
  }

  private long[] mergedKeys(long[] wide) {
    long[] keys = new long[presentCount + wide.length];
    int k = 0;
    for (int p = 0; p < presentCount; p++) {
      keys[k++] = presentKeys[p] * 1331L;
    }
    for (long w : wide) {
      keys[k++] = w;
    }
    Arrays.sort(keys, 0, k);
    int d = 0;
    for (int i = 0; i < k; i++) {
      if (d == 0 || keys[i] != keys[d - 1]) {
        keys[d++] = keys[i];
      }
    }
    return Arrays.copyOf(keys, d);
  }

  /** 0 for a space, 1 to 10 for the digits 0 to 9: the low nibble of '0'..'9' plus one, masked. */
  private static int digit(byte b) {
    return (b & 15) + 1 & -(b >>> 4 & 1);
  }

  /**
   * Replaces each token's key by its rank (the first token's by its first position's), and packs
   * each later token's fields once per distinct token: a later token follows a space and each of
   * its partial tokens ends at its own space, so its packing depends only on its key.
   */
  private void rankTokens(int m) {
    if (tokenClass.length < m) {
      tokenClass = new char[m];
    }
    tokens[0] = cls[0];
    for (int k = 1; k < m; k++) {
      tokens[k] = shortClass[tokens[k]];
    }
    for (int k = 0; k < m; k++) {
      tokenClass[k] = (char) tokens[k];
    }
    for (int t = 0; t < distinct; t++) {
      codeOfClass[shortClass[distinctTokens[t]]] = packKey(distinctTokens[t]);
    }
  }

  /**
   * The fields of the token whose key is given: per character, the rank of the partial token that
   * starts there and the character before it (the space ending the previous token, then the token's
   * own digits).
   */
  private long packKey(int key) {
    int len = tokenLength(key);
    long code =
        (long) SPARE_THIRD << (2 * FIELD_BITS + 4) | (long) SPARE_FOURTH << (3 * FIELD_BITS + 4);
    // Fields count from the token's space, so the spare classes only ever take the last two.
    int before = seq[' '];
    for (int i = 0; i < len; i++) {
      long field = (long) shortClass[partialKey(key, i)] << 4 | before;
      int shift = FIELD_BITS * (len - 1 - i);
      code = code & ~((long) ((1 << FIELD_BITS) - 1) << shift) | field << shift;
      if (i + 1 < len) {
        before = seq['0' + key / POWERS[3 - i] % 11 - 1];
      }
    }
    return code;
  }

  /**
   * Sets each partial token's first position in the transform, counted from the later tokens' keys
   * and the first token's positions, and the spare classes' past its end (at most m fields each).
   */
  private void bucketStarts(int n, int m, int classes, int len0) {
    bwt = grow(bwt, n + 2 * m);
    count = grow(count, MAX_CLASSES);
    Arrays.fill(count, 0, classes + 1, 0);
    for (int t = 0; t < distinct; t++) {
      int key = distinctTokens[t];
      for (int i = 0, len = tokenLength(key); i < len; i++) {
        count[shortClass[partialKey(key, i)] + 1] += tokenCount[key];
      }
    }
    for (int c = 0; c < len0; c++) {
      count[cls[c] + 1]++;
    }
    for (int k = 1; k <= classes; k++) {
      count[k] += count[k - 1];
    }
    count[SPARE_THIRD] = n;
    count[SPARE_FOURTH] = n + m;
  }

  /** The token rotations in sorted order, by prefix doubling from a first sort of packed keys. */
  private int[] rotations(int m, int classes) {
    if (m >= INDEX_MASK) {
      throw new IllegalStateException(m + " tokens in one block; the text is not decimal values");
    }
    int alpha = denseTokens(m, classes);
    sa = grow(sa, m);
    sa2 = grow(sa2, m);
    rank = grow(rank, m);
    rank2 = grow(rank2, m);
    int w = 1;
    while (w < Math.min(m, 20) && Math.pow(alpha, w + 1) <= (1 << PACKED_BITS)) {
      w++;
    }
    int groups = packedSort(m, alpha, w);
    if (groups == m || groups > m / 4 && m > 4 * TIE_LIMIT && resolveTies(m, w)) {
      for (int k = 0; k < m; k++) {
        sa[k] = (int) (keys[k] >>> BEFORE_SHIFT);
      }
      return sa;
    }
    for (int k = 0; k < m; k++) {
      sa[k] = (int) (keys[k] >>> INDEX_SHIFT) & INDEX_MASK;
    }
    rankByKeys(m);
    count = grow(count, m + 1);
    for (int h = w; groups < m && h < m; h <<= 1) {
      groups = doubling(m, h, groups);
    }
    for (int k = 0; k < m; k++) {
      sa[k] = classBefore(sa[k], m);
    }
    return sa;
  }

  /** The class of the token before rotation i, or FIRST_TOKEN when that is the first token. */
  private int classBefore(int i, int m) {
    int prev = i == 0 ? m - 1 : i - 1;
    return prev == 0 ? FIRST_TOKEN : tokenClass[prev];
  }

  private int denseTokens(int m, int classes) {
    int[] id = new int[classes];
    for (int i = 0; i < m; i++) {
      id[tokens[i]] = 1;
    }
    int alpha = 0;
    for (int c = 0; c < classes; c++) {
      if (id[c] != 0) {
        id[c] = alpha++;
      }
    }
    for (int i = 0; i < m; i++) {
      tokens[i] = id[tokens[i]];
    }
    return alpha;
  }

  /**
   * Sorts the rotations by their first {@code w} tokens, packed into one key of up to PACKED_BITS
   * bits, by least-significant-digit radix passes of at most DIGIT_BITS bits: the counters stay in
   * the first-level cache where one pass over all keys would scatter across a large table. Each
   * rotation travels in the upper half of one long beside its key, and one read of the keys counts
   * the digits of every pass.
   */
  private int packedSort(int m, int alpha, int w) {
    keys = grow(keys, m);
    keys2 = grow(keys2, m);
    int bits = 64 - Long.numberOfLeadingZeros((long) Math.pow(alpha, w) - 1);
    int passes = Math.max(1, (bits + DIGIT_BITS - 1) / DIGIT_BITS);
    int digit = (bits + passes - 1) / passes;
    packKeys(m, alpha, w);
    countDigits(m, passes, digit);
    for (int p = 0; p < passes; p++) {
      radixPass(m, p, digit);
    }
    int groups = 1;
    for (int k = 1; k < m; k++) {
      groups += (int) keys[k] != (int) keys[k - 1] ? 1 : 0;
    }
    return groups;
  }

  /** Numbers the groups of rotations that share their first tokens, for prefix doubling. */
  private void rankByKeys(int m) {
    int group = 0;
    for (int k = 0; k < m; k++) {
      if (k > 0 && (int) keys[k] != (int) keys[k - 1]) {
        group++;
      }
      rank[sa[k]] = group;
    }
  }

  /** Each rotation's first {@code w} tokens in base alpha, below the rotation's number. */
  private void packKeys(int m, int alpha, int w) {
    int top = (int) Math.pow(alpha, w - 1);
    int key = 0;
    for (int j = 0; j < w; j++) {
      key = key * alpha + tokens[j % m];
    }
    for (int i = 0; i < m; i++) {
      keys[i] = (long) classBefore(i, m) << BEFORE_SHIFT | (long) i << INDEX_SHIFT | key;
      int next = i + w < m ? i + w : (i + w) % m;
      key = (key - tokens[i] * top) * alpha + tokens[next];
    }
  }

  /** The start of each digit's bucket, for every pass, from one read of the keys. */
  private void countDigits(int m, int passes, int digit) {
    int size = 1 << digit;
    int mask = size - 1;
    Arrays.fill(histograms, 0, passes * size, 0);
    for (int i = 0; i < m; i++) {
      int key = (int) keys[i];
      for (int p = 0; p < passes; p++) {
        histograms[p * size + (key >>> (p * digit) & mask)]++;
      }
    }
    for (int p = 0; p < passes; p++) {
      int sum = 0;
      for (int b = p * size; b < p * size + size; b++) {
        int c = histograms[b];
        histograms[b] = sum;
        sum += c;
      }
    }
  }

  /** One stable pass by digit {@code p}; the rotations travel with their keys. */
  private void radixPass(int m, int p, int digit) {
    int mask = (1 << digit) - 1;
    int shift = p * digit;
    int base = p << digit;
    for (int i = 0; i < m; i++) {
      long item = keys[i];
      keys2[histograms[base + ((int) item >>> shift & mask)]++] = item;
    }
    long[] t = keys;
    keys = keys2;
    keys2 = t;
  }

  /**
   * Orders each run of rotations that share their first {@code w} tokens by comparing the tokens
   * that follow, when such runs are short (noisy samples leave runs of one or two). Gives up,
   * leaving the order by the first w tokens intact, if two rotations agree on TIE_LIMIT tokens:
   * prefix doubling is then the cheaper way.
   */
  private boolean resolveTies(int m, int w) {
    for (int k = 0; k < m; ) {
      int e = k + 1;
      while (e < m && (int) keys[e] == (int) keys[k]) {
        e++;
      }
      for (int i = k + 1; i < e; i++) {
        long x = keys[i];
        int j = i - 1;
        for (; j >= k; j--) {
          int c = compareFrom(rotation(keys[j]), rotation(x), w, m);
          if (c == 0) {
            keys[j + 1] = x;
            return false;
          }
          if (c < 0) {
            break;
          }
          keys[j + 1] = keys[j];
        }
        keys[j + 1] = x;
      }
      k = e;
    }
    return true;
  }

  private static int rotation(long item) {
    return (int) (item >>> INDEX_SHIFT) & INDEX_MASK;
  }

  /** Sign of rotation a against b from token w on, or 0 if they agree on TIE_LIMIT tokens. */
  private int compareFrom(int a, int b, int w, int m) {
    int pa = a + w >= m ? a + w - m : a + w;
    int pb = b + w >= m ? b + w - m : b + w;
    for (int q = w; q < TIE_LIMIT; q++) {
      if (tokens[pa] != tokens[pb]) {
        return tokens[pa] < tokens[pb] ? -1 : 1;
      }
      pa = pa + 1 == m ? 0 : pa + 1;
      pb = pb + 1 == m ? 0 : pb + 1;
    }
    return 0;
  }

  /** One round: orders rotations by their first 2h tokens, given the order by the first h. */
  private int doubling(int m, int h, int groups) {
    for (int k = 0; k < m; k++) {
      int p = sa[k] - h;
      sa2[k] = p < 0 ? p + m : p;
    }
    Arrays.fill(count, 0, groups + 1, 0);
    for (int i = 0; i < m; i++) {
      count[rank[i] + 1]++;
    }
    for (int g = 1; g <= groups; g++) {
      count[g] += count[g - 1];
    }
    for (int k = 0; k < m; k++) {
      sa[count[rank[sa2[k]]]++] = sa2[k];
    }
    int g = 0;
    rank2[sa[0]] = 0;
    for (int k = 1; k < m; k++) {
      int a = sa[k];
      int b = sa[k - 1];
      int an = a + h >= m ? a + h - m : a + h;
      int bn = b + h >= m ? b + h - m : b + h;
      if (rank[a] != rank[b] || rank[an] != rank[bn]) {
        g++;
      }
      rank2[a] = g;
    }
    int[] t = rank;
    rank = rank2;
    rank2 = t;
    return g + 1;
  }

  /** The transform by direct comparison of rotations, for blocks too short or odd for tokens. */
  static void naiveTransform(byte[] block, int n, byte[] out) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareRotations(block, n, a, b));
    for (int i = 0; i < n; i++) {
      int j = order[i] - 1;
      out[i] = block[j < 0 ? j + n : j];
    }
  }

  private static int compareRotations(byte[] block, int n, int a, int b) {
    for (int q = 0; q < n; q++) {
      int x = block[(a + q) % n] & 0xff;
      int y = block[(b + q) % n] & 0xff;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static byte[] grow(byte[] a, int n) {
    return a.length >= n ? a : new byte[n];
  }

  private static long[] grow(long[] a, int n) {
    return a.length >= n ? a : new long[n];
  }

  private static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[n];
  }
}
