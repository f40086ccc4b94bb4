package io.quamtx.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quamtx.core.SourceClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Billing weight per key, by source class and window (all time, this UTC day, this UTC hour).
 *
 * <p>Weights are counted in quarter units so that the sums of 1.0, 0.5 and 0.25 per byte stay
 * exact. Thread-safe; counting never blocks. {@link #save} writes the totals to a file (mode 0600,
 * replaced atomically) and {@link #load} reads them back, so a restart keeps them; the durable
 * account of each draw remains the billing field of its provenance record.
 */
final class UsageMeter {
  private static final String[] WINDOWS = {"total", "day", "hour"};

  private final Clock clock;
  private final Map<String, Counters> counters = new ConcurrentHashMap<>();

  UsageMeter(Clock clock) {
    this.clock = clock;
  }

  /** The weight of a draw: bytes times the class's weight per byte. */
  static double weight(int bytes, SourceClass sourceClass) {
    return bytes * sourceClass.billingWeight();
  }

  /** Adds one served draw to the key's totals. */
  void add(String keyId, SourceClass sourceClass, int bytes) {
    long quarters = Math.round(weight(bytes, sourceClass) * 4);
    for (String w : WINDOWS) {
      Counters c = counters.computeIfAbsent(cell(keyId, w, sourceClass), k -> new Counters());
      c.requests.increment();
      c.bytes.add(bytes);
      c.quarters.add(quarters);
    }
  }

  /** The key's totals as the {@code windows} object of {@code GET /v1/usage}. */
  ObjectNode report(String keyId) {
    ObjectNode windows = JsonNodeFactory.instance.objectNode();
    for (String w : WINDOWS) {
      ObjectNode window = windows.putObject(w);
      if (!w.equals("total")) {
        window.put("start", start(w));
      }
      ObjectNode byClass = window.putObject("by_class");
      long total = 0;
      for (SourceClass sc : SourceClass.values()) {
        Counters c = counters.getOrDefault(cell(keyId, w, sc), new Counters());
        ObjectNode n = byClass.putObject(sc.label());
        n.put("requests", c.requests.sum()).put("bytes", c.bytes.sum());
        n.put("weight", c.quarters.sum() / 4.0);
        total += c.quarters.sum();
      }
      window.put("weight", total / 4.0);
    }
    return windows;
  }

  /**
   * Reads totals saved by {@link #save}; a missing file means none yet.
   *
   * @throws IOException when the file cannot be read or is not a usage file
   */
  void load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    JsonNode cells = Exchange.JSON.readTree(file.toFile()).path("cells");
    for (Iterator<Map.Entry<String, JsonNode>> it = cells.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Counters c = counters.computeIfAbsent(e.getKey(), k -> new Counters());
      c.requests.add(e.getValue().get(0).asLong());
      c.bytes.add(e.getValue().get(1).asLong());
      c.quarters.add(e.getValue().get(2).asLong());
    }
  }

  /** Writes the totals of the current windows, dropping days and hours that have passed. */
  void save(Path file) throws IOException {
    ObjectNode root = Exchange.JSON.createObjectNode();
    root.put("format", "quamtx-gateway-usage/v1");
    ObjectNode cells = root.putObject("cells");
    counters.entrySet().removeIf(e -> !current(e.getKey()));
    counters.forEach(
        (k, c) -> cells.putArray(k).add(c.requests.sum()).add(c.bytes.sum()).add(c.quarters.sum()));
    PrivateFiles.replace(file, Exchange.JSON.writeValueAsBytes(root));
  }

  private boolean current(String cell) {
    String[] parts = cell.split("\\|", -1);
    return parts.length == 4 && parts[2].equals(start(parts[1]));
  }

  private String cell(String keyId, String window, SourceClass sc) {
    return keyId + "|" + window + "|" + start(window) + "|" + sc.label();
  }

  private String start(String window) {
    Instant now = clock.instant();
    switch (window) {
      case "day":
        return now.truncatedTo(ChronoUnit.DAYS).toString();
      case "hour":
        return now.truncatedTo(ChronoUnit.HOURS).toString();
      default:
        return "";
    }
  }

  private static final class Counters {
    final LongAdder requests = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder quarters = new LongAdder();
  }
}
