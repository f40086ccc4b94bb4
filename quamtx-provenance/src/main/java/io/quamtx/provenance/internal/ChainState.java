package io.quamtx.provenance.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory state rebuilt from the records: the Merkle tree of chain hashes, each record's
 * locator (the index by sequence number, hence by provenance id), the head, the log id and the keys
 * the log itself announces (genesis keyset plus rotations).
 *
 * <p>{@link #accept} is the scan check shared by opening the log and by fsck: a payload is good
 * when it parses, its chain hash re-derives, and it continues the chain (next sequence number,
 * previous hash, log id). With signature checking on, every signature must also verify under the
 * key the log had announced by then. Not thread-safe; the log guards it.
 */
public final class ChainState {
  /** Prefix of log ids. */
  public static final String LOG_ID_PREFIX = "qmx1:";

  private final MerkleTree tree = new MerkleTree();
  private final LongArray locators = new LongArray();
  private final List<Map<String, Object>> keys = new ArrayList<>();
  private long checkSignaturesFrom;
  private String logId;
  private byte[] logIdBytes;
  private byte[] head;
  private String lastFailure;
  private long signaturesChecked;

  public ChainState(boolean checkSignatures) {
    this.checkSignaturesFrom = checkSignatures ? 0 : Long.MAX_VALUE;
  }

  /**
   * Checks signatures only from record {@code seq} on. The log uses the size of its newest signed
   * checkpoint here: records under it are bound by the checkpoint's signed root instead.
   */
  public void checkSignaturesFrom(long seq) {
    checkSignaturesFrom = seq;
  }

  /** Scan check; on false, {@link #lastFailure()} says why. */
  public boolean accept(long locator, byte[] payload) {
    try {
      Map<String, Object> entry = Records.parseEntry(payload);
      Map<String, Object> record = Records.recordOf(entry);
      byte[] h = Records.chainHash(record);
      String why = problem(entry, record, h);
      if (why != null) {
        lastFailure = "record " + tree.size() + ": " + why;
        return false;
      }
      if (tree.size() == 0) {
        setLogId(h);
      }
      collectKeys(record);
      link(h, locator);
      return true;
    } catch (RuntimeException e) {
      lastFailure = "record " + tree.size() + ": unreadable entry (" + e.getMessage() + ")";
      return false;
    }
  }

  private String problem(Map<String, Object> entry, Map<String, Object> record, byte[] h) {
    if (!Hashes.text(h).equals(entry.get("chain_hash"))) {
      return "chain_hash does not match the record bytes";
    }
    long seq = tree.size();
    if (!Long.valueOf(seq).equals(record.get("seq"))) {
      return "sequence number " + record.get("seq") + " where " + seq + " was due";
    }
    String prev = seq == 0 ? Records.ZERO_HASH : Hashes.text(head);
    if (!prev.equals(record.get("previous_hash"))) {
      return "previous_hash does not link to record " + (seq - 1);
    }
    if ((seq == 0) != "genesis".equals(record.get("type"))) {
      return "genesis record out of place";
    }
    if (seq > 0 && !logId.equals(record.get("log_id"))) {
      return "log_id " + record.get("log_id") + " is not this log's " + logId;
    }
    if ("key_compromise".equals(record.get("type")) && !compromiseWellFormed(record, seq)) {
      return "key_compromise must name an announced key other than its signer, since_seq <= " + seq;
    }
    return seq >= checkSignaturesFrom ? signatureProblem(entry, record, h) : null;
  }

  private String signatureProblem(Map<String, Object> entry, Map<String, Object> record, byte[] h) {
    Object sig = entry.get("signature");
    if (sig == null) {
      return null;
    }
    List<Map<String, Object>> known = tree.size() == 0 ? genesisKeys(record) : keys;
    Map<String, Object> key = Signatures.entry(known, String.valueOf(record.get("signed_by")));
    if (key == null) {
      return "signed_by " + record.get("signed_by") + " is not an announced key";
    }
    if (!Signatures.verify(key, Records.signedBytes(h), Signatures.base64(sig))) {
      return "signature does not verify under " + record.get("signed_by");
    }
    signaturesChecked++;
    return null;
  }

  private boolean compromiseWellFormed(Map<String, Object> record, long seq) {
    Object key = record.get("key");
    return key instanceof String
        && !key.equals(record.get("signed_by"))
        && Signatures.entry(keys, (String) key) != null
        && record.get("since_seq") instanceof Long since
        && since >= 0
        && since <= seq;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> genesisKeys(Map<String, Object> genesis) {
    return (List<Map<String, Object>>) ((Map<String, Object>) genesis.get("keyset")).get("keys");
  }

  /** The public key of a name among keyset entries, or null. */
  public static byte[] publicKey(List<Map<String, Object>> keys, String name) {
    for (Map<String, Object> k : keys) {
      if (name.equals(k.get("name"))) {
        return Base64.getDecoder().decode((String) k.get("public_key"));
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private void collectKeys(Map<String, Object> record) {
    if ("genesis".equals(record.get("type"))) {
      for (Map<String, Object> k : genesisKeys(record)) {
        keys.add(new LinkedHashMap<>(k));
      }
    } else if ("key_rotation".equals(record.get("type"))) {
      for (Map<String, Object> k : keys) {
        if (k.get("valid_to") == null) {
          k.put("valid_to", record.get("timestamp"));
        }
      }
      keys.add(new LinkedHashMap<>((Map<String, Object>) record.get("new_key")));
    } else if ("key_compromise".equals(record.get("type"))) {
      Map<String, Object> k = Signatures.entry(keys, String.valueOf(record.get("key")));
      if (k != null) {
        k.put("compromised", declaration(record));
      }
    }
  }

  /**
   * What a keyset entry records of a {@code key_compromise} record: the first sequence number and
   * time from which the key's signatures are not trusted, and the record that declared it.
   */
  public static Map<String, Object> declaration(Map<String, Object> compromise) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("since_seq", compromise.get("since_seq"));
    d.put("since", compromise.get("since"));
    d.put("declared_seq", compromise.get("seq"));
    return d;
  }

  /**
   * The compromise declaration of a key that covers record {@code seq}, or null when the key is
   * trusted there.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> compromiseCovering(Map<String, Object> key, long seq) {
    Object d = key == null ? null : key.get("compromised");
    if (!(d instanceof Map)) {
      return null;
    }
    Map<String, Object> m = (Map<String, Object>) d;
    return seq >= ((Number) m.get("since_seq")).longValue() ? m : null;
  }

  /** Derives the log id from the genesis chain hash: qmx1: + base32 of its first 20 bytes. */
  public void setLogId(byte[] genesisHash) {
    logIdBytes = Arrays.copyOf(genesisHash, 20);
    logId = LOG_ID_PREFIX + Crockford32.encode(logIdBytes);
  }

  /** Adds a record's chain hash and locator at the head. */
  public void link(byte[] chainHash, long locator) {
    extend(chainHash);
    locators.add(locator);
  }

  /**
   * Adds a record's chain hash at the head before it is written: its locator follows through {@link
   * #located} once the frame is in its segment.
   */
  public void extend(byte[] chainHash) {
    tree.append(chainHash);
    head = chainHash;
  }

  /** Records the locator of the next written record, in sequence order. */
  public void located(long locator) {
    locators.add(locator);
  }

  public MerkleTree tree() {
    return tree;
  }

  public long size() {
    return tree.size();
  }

  public long locator(long seq) {
    return locators.get(seq);
  }

  public byte[] head() {
    return head;
  }

  public String logId() {
    return logId;
  }

  public byte[] logIdBytes() {
    return logIdBytes;
  }

  /** The keys announced in the log so far, with validity windows. */
  public List<Map<String, Object>> keys() {
    return keys;
  }

  /**
   * The announced keys without compromise marks: for checking that files were not altered (a
   * checkpoint signed before its key was declared compromised must still match), not whom to trust.
   */
  public List<Map<String, Object>> keysForIntegrity() {
    List<Map<String, Object>> plain = new ArrayList<>();
    for (Map<String, Object> k : keys) {
      Map<String, Object> copy = new LinkedHashMap<>(k);
      copy.remove("compromised");
      plain.add(copy);
    }
    return plain;
  }

  /** Record signatures verified so far (only with signature checking on). */
  public long signaturesChecked() {
    return signaturesChecked;
  }

  /** Why the last rejected payload was rejected. */
  public String lastFailure() {
    return lastFailure;
  }
}
