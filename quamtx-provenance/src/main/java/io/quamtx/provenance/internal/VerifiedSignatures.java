package io.quamtx.provenance.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures a log has already seen verify, so that checking the same record again costs a
 * lookup instead of an Ed25519 or ECDSA verification (about nine tenths of a {@code verify} call).
 *
 * <p>A verification is a pure function of the algorithm, the public key, the message and the
 * signature, so an entry holds all four in full and a hit requires every byte to match: a record
 * whose signature or chain hash changed on disk misses and is verified afresh. Only successes are
 * kept, at most {@code capacity} of them, least recently used first out. Thread-safe; never blocks
 * on I/O.
 */
public final class VerifiedSignatures {
  private final Map<Key, Boolean> seen;

  /** A cache of at most {@code capacity} verified signatures (about 250 bytes each). */
  public VerifiedSignatures(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.seen =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True when the signature verifies under the key of the entry ({@code alg}, public_key). */
  public boolean verify(Map<String, Object> keyEntry, byte[] message, byte[] signature) {
    Key k = new Key(keyEntry.get("alg"), keyEntry.get("public_key"), message, signature);
    synchronized (seen) {
      if (seen.containsKey(k)) {
        return true;
      }
    }
    boolean ok = Signatures.verify(keyEntry, message, signature);
    if (ok) {
      synchronized (seen) {
        seen.put(k, Boolean.TRUE);
      }
    }
    return ok;
  }

  /** Forgets every verified signature. */
  public void clear() {
    synchronized (seen) {
      seen.clear();
    }
  }

  private record Key(Object alg, Object publicKey, byte[] message, byte[] signature) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && String.valueOf(alg).equals(String.valueOf(k.alg))
          && String.valueOf(publicKey).equals(String.valueOf(k.publicKey))
          && Arrays.equals(message, k.message)
          && Arrays.equals(signature, k.signature);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(message) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
      return "verified signature by " + publicKey;
    }
  }
}
