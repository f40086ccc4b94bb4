package io.quamtx.gateway;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Simulated library behind the gateway for its tests: OS random bytes, a real SHA-256 chain of
 * records in memory and real output commitments, but no durable log, no signatures and no hardware.
 * Health and failures are switched by the test.
 */
final class SimulatedEntropyService implements EntropyService {
  static final String LOG_ID = "qmx1:simulated";
  private static final Pattern ID = Pattern.compile("pvn_[0-9a-f]{20}");

  private final SecureRandom random = new SecureRandom();
  private final List<String> records = new ArrayList<>();
  private final List<String> chainHashes = new ArrayList<>();
  volatile boolean hardwareHealthy = true;
  volatile boolean logHealthy = true;
  volatile boolean explode;

  /** Answers draws from another thread, later, as the real log's answer thread does. */
  volatile boolean answerLater;

  /** With {@link #answerLater}: the stage fails as a failed log sync would, after no record. */
  volatile boolean syncFails;

  synchronized int recordCount() {
    return records.size();
  }

  @Override
  public synchronized Draw draw(int bytes, SourceClass sc, String requester)
      throws EntropyException {
    if (explode) {
      throw new IllegalStateException("simulated bug with secret detail");
    }
    if (sc == SourceClass.HARDWARE && !hardwareHealthy) {
      throw new SourceUnavailableException("simulated: no healthy hardware source");
    }
    byte[] data = new byte[bytes];
    byte[] r = new byte[32];
    random.nextBytes(data);
    random.nextBytes(r);
    long seq = records.size();
    String commitment = "sha256:" + hex(commitment(seq, r, data));
    String id = "pvn_" + String.format("%04x", seq) + hex(randomBytes(8));
    String record = record(seq, id, sc, bytes, requester, commitment);
    String chain = "sha256:" + hex(sha256(concat(new byte[] {0}, utf8(record))));
    records.add(record);
    chainHashes.add(chain);
    String withProof =
        record.substring(0, record.length() - 1) + ",\"chain_hash\":\"" + chain + "\"}";
    return new Draw(data, sc, id, withProof, hex(r));
  }

  @Override
  public CompletionStage<Draw> drawAsync(int bytes, SourceClass sc, String requester) {
    if (!answerLater) {
      return EntropyService.super.drawAsync(bytes, sc, requester);
    }
    if (syncFails) {
      return CompletableFuture.supplyAsync(
          () -> {
            throw new CompletionException(new EntropyException("simulated: the sync failed"));
          });
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return draw(bytes, sc, requester);
          } catch (EntropyException e) {
            throw new CompletionException(e);
          }
        });
  }

  private String record(
      long seq, String id, SourceClass sc, int bytes, String requester, String commitment) {
    String previous = seq == 0 ? "sha256:" + "0".repeat(64) : chainHashes.get((int) seq - 1);
    double weight = bytes * sc.billingWeight();
    return "{\"billing\":{\"units\":"
        + bytes
        + ",\"weight\":"
        + weight
        + "},\"bytes\":"
        + bytes
        + ",\"log_id\":\""
        + LOG_ID
        + "\",\"output_commitment\":\""
        + commitment
        + "\",\"previous_hash\":\""
        + previous
        + "\",\"provenance_id\":\""
        + id
        + "\",\"requester\":\""
        + requester
        + "\",\"seq\":"
        + seq
        + ",\"source_class\":\""
        + sc.label()
        + "\",\"timestamp\":\""
        + Instant.now()
        + "\",\"type\":\"draw\",\"v\":1}";
  }

  @Override
  public synchronized Optional<String> verify(String id) {
    int i = find(id);
    return i < 0
        ? Optional.empty()
        : Optional.of(
            "{\"record\":"
                + records.get(i)
                + ",\"chain_hash\":\""
                + chainHashes.get(i)
                + "\",\"leaf_index\":"
                + i
                + "}");
  }

  @Override
  public synchronized Optional<String> audit(String id) {
    int i = find(id);
    if (i < 0) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder("{\"type\":\"qmx-audit-segment/v1\",\"from_seq\":0}\n");
    for (int j = 0; j <= i; j++) {
      out.append("{\"record\":").append(records.get(j)).append(",\"chain_hash\":\"");
      out.append(chainHashes.get(j)).append("\"}\n");
    }
    return Optional.of(out.toString());
  }

  @Override
  public HealthReport health() {
    return new HealthReport(
        List.of(
            new HealthReport.Part("log", logHealthy, logHealthy ? "writable" : "simulated fault"),
            new HealthReport.Part(
                "reservoir", hardwareHealthy, hardwareHealthy ? "full" : "no healthy source")),
        Optional.of(Instant.parse("2026-12-04T12:00:00Z")));
  }

  private int find(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("malformed provenance id");
    }
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).contains("\"provenance_id\":\"" + id + "\"")) {
        return i;
      }
    }
    return -1;
  }

  /** SHA-256("quamtx/out/v1" || log_id || u64 seq || r || output), as the provenance notes say. */
  static byte[] commitment(long seq, byte[] r, byte[] output) {
    return sha256(
        concat(
            utf8("quamtx/out/v1"),
            utf8(LOG_ID),
            ByteBuffer.allocate(8).putLong(seq).array(),
            r,
            output));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
