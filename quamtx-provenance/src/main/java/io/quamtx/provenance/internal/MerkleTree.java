package io.quamtx.provenance.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over the records' chain hashes (which are already leaf
 * hashes, SHA-256(0x00 || record)).
 *
 * <p>Level k keeps the hash of every complete, aligned subtree of 2^k leaves, so the hash of any
 * such subtree is a lookup and proofs (RFC 9162 2.1.3.1 PATH, 2.1.4.1 SUBPROOF) cost O(log^2 n)
 * hashing at worst, for the right edge of the tree. Memory is about 64 bytes per leaf. Not
 * thread-safe: the log guards it.
 */
public final class MerkleTree {
  private final List<HashArray> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new HashArray());
  }

  /** Number of leaves. */
  public long size() {
    return levels.get(0).size();
  }

  /** Appends a leaf hash (32 bytes). */
  public void append(byte[] leafHash) {
    levels.get(0).add(leafHash);
    long idx = size() - 1;
    for (int k = 0; (idx & 1) == 1; k++, idx >>>= 1) {
      if (levels.size() == k + 1) {
        levels.add(new HashArray());
      }
      HashArray level = levels.get(k);
      levels.get(k + 1).add(Hashes.nodeHash(level.get(idx - 1), level.get(idx)));
    }
  }

  /** The leaf hash at an index. */
  public byte[] leaf(long index) {
    return levels.get(0).get(index);
  }

  /** MTH of the first {@code treeSize} leaves; SHA-256 of nothing for the empty tree. */
  public byte[] root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? Hashes.sha256().digest() : hash(0, treeSize);
  }

  /** RFC 9162 2.1.3.1 inclusion proof of leaf {@code index} in the tree of {@code treeSize}. */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + treeSize);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  /** RFC 9162 2.1.4.1 consistency proof from the tree of {@code size1} to {@code size2}. */
  public List<byte[]> consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("cannot prove " + size1 + " is a prefix of " + size2);
    }
    List<byte[]> proof = new ArrayList<>();
    if (size1 > 0 && size1 < size2) {
      subproof(size1, 0, size2, true, proof);
    }
    return proof;
  }

  private void path(long m, long lo, long hi, List<byte[]> proof) {
    long n = hi - lo;
    if (n <= 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m < k) {
      path(m, lo, lo + k, proof);
      proof.add(hash(lo + k, hi));
    } else {
      path(m - k, lo + k, hi, proof);
      proof.add(hash(lo, lo + k));
    }
  }

  private void subproof(long m, long lo, long hi, boolean b, List<byte[]> proof) {
    long n = hi - lo;
    if (m == n) {
      if (!b) {
        proof.add(hash(lo, hi));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, lo, lo + k, b, proof);
      proof.add(hash(lo + k, hi));
    } else {
      subproof(m - k, lo + k, hi, false, proof);
      proof.add(hash(lo, lo + k));
    }
  }

  /** MTH(D[lo:hi]) for hi > lo. */
  private byte[] hash(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1) {
      int k = Long.numberOfTrailingZeros(n);
      if (lo % n == 0) {
        return levels.get(k).get(lo >>> k);
      }
    }
    long k = Long.highestOneBit(n - 1);
    return Hashes.nodeHash(hash(lo, lo + k), hash(lo + k, hi));
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is outside 0.." + size() + " leaves held");
    }
  }

  /** 32-byte hashes in chunks, so growth never copies the whole array. */
  private static final class HashArray {
    private static final int CHUNK = 4096;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    void add(byte[] h) {
      int at = (int) (size % CHUNK);
      if (at == 0) {
        chunks.add(new byte[CHUNK * 32]);
      }
      System.arraycopy(h, 0, chunks.get(chunks.size() - 1), at * 32, 32);
      size++;
    }

    byte[] get(long i) {
      byte[] out = new byte[32];
      System.arraycopy(chunks.get((int) (i / CHUNK)), (int) (i % CHUNK) * 32, out, 0, 32);
      return out;
    }

    long size() {
      return size;
    }
  }
}
