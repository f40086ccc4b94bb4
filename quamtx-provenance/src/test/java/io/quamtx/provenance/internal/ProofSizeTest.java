package io.quamtx.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proof sizes at 10^6 records: the goal is under 1 KB. */
class ProofSizeTest {
  private static final int N = 1_000_000;

  @Test
  void inclusionAndConsistencyProofsAtAMillionRecordsStayUnderOneKilobyte() {
    MerkleTree t = new MerkleTree();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (long i = 0; i < N; i++) {
      b.clear();
      t.append(Hashes.leafHash(b.putLong(i).array()));
    }
    int worst = 0;
    for (long leaf : new long[] {0, 1, N / 2, 524_287, N - 2, N - 1}) {
      List<byte[]> proof = t.inclusionProof(leaf, N);
      assertTrue(MerkleProofs.verifyInclusion(leaf, N, t.leaf(leaf), proof, t.root(N)));
      worst = Math.max(worst, jsonBytes(leaf, proof));
      assertEquals(pathLength(leaf, N), proof.size());
      assertTrue(proof.size() <= 20, "proof of " + leaf + " has " + proof.size() + " hashes");
    }
    assertTrue(worst < 1024, "inclusion proof JSON is " + worst + " bytes");
    List<byte[]> c = t.consistencyProof(N / 3, N);
    assertTrue(MerkleProofs.verifyConsistency(N / 3, N, t.root(N / 3), t.root(N), c));
    assertTrue(c.size() * 32 < 1024, "consistency proof has " + c.size() + " hashes");
  }

  /** Length of the RFC 9162 PATH(m, D[n]): one hash per split on the way to the leaf. */
  private static int pathLength(long m, long n) {
    if (n <= 1) {
      return 0;
    }
    long k = Long.highestOneBit(n - 1);
    return 1 + (m < k ? pathLength(m, k) : pathLength(m - k, n - k));
  }

  private static int jsonBytes(long leaf, List<byte[]> proof) {
    List<Object> hashes = new ArrayList<>();
    for (byte[] h : proof) {
      hashes.add(Base64.getEncoder().encodeToString(h));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leaf_index", leaf);
    m.put("tree_size", (long) N);
    m.put("hashes", hashes);
    return Jcs.canonicalize(m).length;
  }
}
