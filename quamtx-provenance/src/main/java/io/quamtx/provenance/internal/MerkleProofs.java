package io.quamtx.provenance.internal;

import java.util.List;

/**
 * Verification of RFC 9162 inclusion (2.1.3.2) and consistency (2.1.4.2) proofs. JDK only, so the
 * offline verifier can use it. Stateless and thread-safe.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * The root a leaf and its inclusion proof lead to, or null when the proof has the wrong shape.
   */
  public static byte[] rootFromInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof) {
    if (index < 0 || index >= treeSize || leafHash.length != 32 || !all32(proof)) {
      return null;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Hashes.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = Hashes.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

  /** True when the proof shows leaf {@code index} with {@code leafHash} is in the tree. */
  public static boolean verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
    byte[] r = rootFromInclusion(index, treeSize, leafHash, proof);
    return r != null && root.length == 32 && Hashes.same(r, root);
  }

  private static boolean all32(List<byte[]> hashes) {
    return hashes.stream().allMatch(h -> h.length == 32);
  }

  /**
   * True when the proof shows the tree of {@code size1} with {@code root1} is a prefix of the tree
   * of {@code size2} with {@code root2}. A proof from the empty tree is accepted only when empty,
   * and equal sizes need an empty proof and equal roots.
   */
  public static boolean verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (size1 < 0 || size1 > size2 || !all32(proof)) {
      return false;
    }
    if (size1 == size2) {
      return proof.isEmpty() && Hashes.same(root1, root2);
    }
    if (size1 == 0) {
      return false;
    }
    return consistentNonTrivial(size1, size2, root1, root2, proof);
  }

  private static boolean consistentNonTrivial(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
    if (proof.isEmpty()) {
      return false;
    }
    boolean power = Long.bitCount(size1) == 1;
    int start = power ? 0 : 1;
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = power ? root1 : proof.get(0);
    byte[] sr = fr;
    for (int i = start; i < proof.size(); i++) {
      byte[] c = proof.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Hashes.nodeHash(c, fr);
        sr = Hashes.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Hashes.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Hashes.same(fr, root1) && Hashes.same(sr, root2);
  }
}
