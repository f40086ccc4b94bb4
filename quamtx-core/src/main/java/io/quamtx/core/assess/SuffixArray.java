package io.quamtx.core.assess;

/**
 * Suffix array by prefix doubling with a counting sort per round, and the LCP array by Kasai's
 * algorithm. Rounds stop as soon as every suffix has its own rank, so the cost is about
 * log2(longest repeat) linear passes: a few for sampled noise, where repeats are short.
 */
final class SuffixArray {
  private SuffixArray() {}

  /** The suffix array of {@code s}, whose values are below {@code alphabet}. */
  static int[] build(byte[] s, int alphabet) {
    int n = s.length;
    int w = packedWidth(alphabet);
    int[] sa = new int[n];
    int[] rank = new int[n];
    int classes = initialRanks(s, alphabet, w, sa, rank);
    int[] cnt = new int[n + 1];
    int[] tmp = new int[n];
    for (int h = w; classes < n; h <<= 1) {
      classes = round(sa, rank, tmp, cnt, classes, h);
    }
    return sa;
  }

  /** How many symbols the first sort takes at once: as many as keep the keys below 2^21. */
  private static int packedWidth(int alphabet) {
    int w = 1;
    while (Math.pow(alphabet, w + 1) * (w + 2) <= (1 << 21)) {
      w++;
    }
    return w;
  }

  /**
   * Sorts the suffixes by their first {@code w} symbols with one counting sort. A suffix shorter
   * than w is padded with the smallest symbol and its length breaks the tie, so a prefix sorts
   * before its extensions. Fills sa and dense ranks; returns the number of classes.
   */
  private static int initialRanks(byte[] s, int alphabet, int w, int[] sa, int[] rank) {
    int n = s.length;
    int[] key = new int[n];
    int buckets = 1;
    for (int j = 0; j < w; j++) {
      buckets *= alphabet;
    }
    buckets *= w + 1;
    for (int i = 0; i < n; i++) {
      int v = 0;
      int len = Math.min(w, n - i);
      for (int j = 0; j < w; j++) {
        v = v * alphabet + (j < len ? s[i + j] & 0xff : 0);
      }
      key[i] = v * (w + 1) + len;
    }
    int[] cnt = new int[buckets + 1];
    for (int i = 0; i < n; i++) {
      cnt[key[i] + 1]++;
    }
    for (int c = 1; c <= buckets; c++) {
      cnt[c] += cnt[c - 1];
    }
    for (int i = 0; i < n; i++) {
      sa[cnt[key[i]]++] = i;
    }
    int c = 0;
    rank[sa[0]] = 0;
    for (int j = 1; j < n; j++) {
      c += key[sa[j]] != key[sa[j - 1]] ? 1 : 0;
      rank[sa[j]] = c;
    }
    return c + 1;
  }

  /** One doubling step: sorts by (rank[i], rank[i+h]) and renumbers; returns the class count. */
  private static int round(int[] sa, int[] rank, int[] tmp, int[] cnt, int classes, int h) {
    int n = sa.length;
    int p = 0;
    for (int i = Math.max(0, n - h); i < n; i++) {
      tmp[p++] = i;
    }
    for (int j = 0; j < n; j++) {
      if (sa[j] >= h) {
        tmp[p++] = sa[j] - h;
      }
    }
    java.util.Arrays.fill(cnt, 0, classes + 1, 0);
    for (int i = 0; i < n; i++) {
      cnt[rank[i] + 1]++;
    }
    for (int c = 1; c <= classes; c++) {
      cnt[c] += cnt[c - 1];
    }
    for (int j = 0; j < n; j++) {
      int i = tmp[j];
      sa[cnt[rank[i]]++] = i;
    }
    return renumber(sa, rank, tmp, h);
  }

  private static int renumber(int[] sa, int[] rank, int[] next, int h) {
    int n = sa.length;
    next[sa[0]] = 0;
    int c = 0;
    for (int j = 1; j < n; j++) {
      int a = sa[j - 1];
      int b = sa[j];
      if (rank[a] != rank[b] || second(rank, a, h) != second(rank, b, h)) {
        c++;
      }
      next[b] = c;
    }
    System.arraycopy(next, 0, rank, 0, n);
    return c + 1;
  }

  private static int second(int[] rank, int i, int h) {
    return i + h < rank.length ? rank[i + h] : -1;
  }

  /** {@code lcp[j]} = the common prefix length of suffixes {@code sa[j-1]} and {@code sa[j]}. */
  static int[] lcp(byte[] s, int[] sa) {
    int n = s.length;
    int[] rank = new int[n];
    for (int j = 0; j < n; j++) {
      rank[sa[j]] = j;
    }
    int[] lcp = new int[n];
    int h = 0;
    for (int i = 0; i < n; i++) {
      if (rank[i] > 0) {
        int k = sa[rank[i] - 1];
        while (i + h < n && k + h < n && s[i + h] == s[k + h]) {
          h++;
        }
        lcp[rank[i]] = h;
        if (h > 0) {
          h--;
        }
      } else {
        h = 0;
      }
    }
    return lcp;
  }
}
