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
    int[] sa = new int[n];
    int[] rank = new int[n];
    int[] cnt = new int[Math.max(alphabet, n) + 1];
    for (int i = 0; i < n; i++) {
      rank[i] = s[i] & 0xff;
      cnt[rank[i] + 1]++;
    }
    for (int c = 1; c <= alphabet; c++) {
      cnt[c] += cnt[c - 1];
    }
    for (int i = 0; i < n; i++) {
      sa[cnt[rank[i]]++] = i;
    }
    int classes = alphabet;
    int[] tmp = new int[n];
    for (int h = 1; ; h <<= 1) {
      classes = round(sa, rank, tmp, cnt, classes, h);
      if (classes == n) {
        return sa;
      }
    }
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
