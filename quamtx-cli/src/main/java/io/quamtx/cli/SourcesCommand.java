package io.quamtx.cli;

import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.MonitoredSource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceStatus;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.Sources;
import io.quamtx.core.health.HealthCutoffs;
import io.quamtx.core.health.HealthTestedSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quamtx sources}: opens every installed source (or the ones named), runs the start-up
 * health tests and a short read on it, and shows its state, reason and counters. Exit 0 when at
 * least one listed source is usable, 1 otherwise, 2 for bad input.
 */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = "List entropy sources with live state, reason and counters.")
final class SourcesCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Per-source deadline (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--bytes",
      defaultValue = "64",
      paramLabel = "N",
      description = "Health-tested bytes to read from each source, 1 to 65536 (default: 64).")
  int probeBytes;

  @Parameters(
      paramLabel = "SPEC",
      arity = "0..*",
      description = "Sources to probe, such as hwrng or file:/dev/chaoskey0 (default: all).")
  List<String> specs;

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": must be at least 1");
    }
    if (probeBytes < 1 || probeBytes > 65536) {
      throw new IllegalArgumentException("--bytes " + probeBytes + ": allowed 1 to 65536");
    }
    List<Map<String, Object>> reports = new ArrayList<>();
    if (specs == null || specs.isEmpty()) {
      Sources.drivers().forEach(d -> reports.add(probe(d)));
    } else {
      specs.forEach(s -> reports.add(probe(s)));
    }
    print(reports);
    boolean usable = reports.stream().anyMatch(r -> "available".equals(r.get("state")));
    return usable ? 0 : QuamtxCommand.EXIT_FAILURE;
  }

  private Map<String, Object> probe(SourceDriver driver) {
    if (!driver.isAvailable()) {
      return unavailable(driver.id(), driver.unavailabilityCause().orElse(null));
    }
    try {
      return probe(driver.id(), driver.open());
    } catch (SourceUnavailableException e) {
      return unavailable(driver.id(), e);
    }
  }

  private Map<String, Object> probe(String spec) {
    try {
      return probe(spec, Sources.open(spec));
    } catch (SourceUnavailableException e) {
      return unavailable(spec, e);
    }
  }

  private Map<String, Object> probe(String name, EntropySource opened) {
    try (MonitoredSource source = MonitoredSource.wrap(opened)) {
      HealthTestedSource tested =
          HealthTestedSource.wrap(source, HealthCutoffs.DEFAULT_ALPHA_LOG2, 3, source.monitor());
      readProbe(tested, source);
      Map<String, Object> report = describe(name, source.monitor().status());
      report.put("min_entropy_claim", source.claimedMinEntropy());
      report.put("min_entropy_basis", source.minEntropyBasis());
      report.put("sample_bits", source.sampleBits());
      report.put("details", source.details());
      return report;
    }
  }

  private void readProbe(HealthTestedSource tested, MonitoredSource source) {
    byte[] buf = new byte[probeBytes + 7];
    try {
      tested.read(buf, 0, buf.length, Duration.ofSeconds(timeoutSeconds));
      source.monitor().recordPassed();
    } catch (EntropyException e) {
      // The monitor has recorded the state and reason; the table shows them.
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  private static Map<String, Object> describe(String name, SourceStatus s) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("id", name);
    report.put("class", s.sourceClass().label());
    report.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
    report.put("reason", s.reason());
    report.put("bytes", s.bytes());
    report.put("reads", s.reads());
    report.put("not_ready", s.notReady());
    report.put("health_failures", s.healthFailures());
    report.put("opened_at", s.openedAt().toString());
    report.put("state_since", s.stateSince().toString());
    report.put("last_read_at", s.lastReadAt() == null ? null : s.lastReadAt().toString());
    return report;
  }

  private static Map<String, Object> unavailable(String name, Throwable cause) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("id", name);
    report.put("state", "unavailable");
    report.put("reason", cause == null ? "unknown" : Errors.describe(cause));
    return report;
  }

  private void print(List<Map<String, Object>> reports) {
    if (json) {
      System.out.println(Json.writePretty(Map.of("sources", reports)));
      return;
    }
    String format = "%-9s %-9s %-12s %9s %6s %10s %7s  %s%n";
    System.out.printf(
        format, "ID", "CLASS", "STATE", "BYTES", "READS", "NOT-READY", "HEALTH", "REASON");
    for (Map<String, Object> r : reports) {
      System.out.printf(
          format,
          r.get("id"),
          r.getOrDefault("class", "-"),
          r.get("state"),
          r.getOrDefault("bytes", "-"),
          r.getOrDefault("reads", "-"),
          r.getOrDefault("not_ready", "-"),
          r.getOrDefault("health_failures", "-"),
          r.get("reason"));
    }
  }
}
