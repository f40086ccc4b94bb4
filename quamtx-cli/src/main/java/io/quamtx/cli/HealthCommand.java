package io.quamtx.cli;

import io.quamtx.core.EntropyException;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.Sources;
import io.quamtx.core.health.HealthTestedSource;
import io.quamtx.jca.Quamtx;
import io.quamtx.provenance.LogStatus;
import io.quamtx.provenance.ProvenanceLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quamtx health}: runs the start-up health tests on every source and checks the log. Exit 0
 * when at least one hardware source passes and the log is writable, 1 otherwise.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Test every source and the provenance log; exit 0 when healthy.")
final class HealthCommand implements Callable<Integer> {
  private static final int PROBE_BYTES = 64;

  @ParentCommand QuamtxCommand parent;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(
      names = "--timeout",
      defaultValue = "5",
      paramLabel = "SECONDS",
      description = "Per-source deadline (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": must be at least 1");
    }
    List<Map<String, Object>> sources = new ArrayList<>();
    boolean hardwareHealthy = false;
    for (SourceDriver driver : Sources.drivers()) {
      Map<String, Object> report = probe(driver);
      sources.add(report);
      hardwareHealthy |=
          "hardware".equals(report.get("class")) && "healthy".equals(report.get("state"));
    }
    Map<String, Object> log = logReport();
    boolean healthy = hardwareHealthy && Boolean.TRUE.equals(log.get("writable"));
    print(healthy, sources, log);
    return healthy ? 0 : QuamtxCommand.EXIT_FAILURE;
  }

  private Map<String, Object> logReport() {
    Map<String, Object> report = new LinkedHashMap<>();
    if (!ProvenanceLog.exists(parent.home())) {
      return absentLogReport(report);
    }
    try (ProvenanceLog opened = Quamtx.openLog(parent.home(), Duration.ofSeconds(timeoutSeconds))) {
      LogStatus status = opened.status();
      report.put("state", status.writable() ? "healthy" : "read-only");
      report.put("writable", status.writable());
      report.put("log_id", status.logId());
      report.put("records", status.records());
      report.put("head", status.headChainHash());
      report.put("key", status.keyName());
      report.put("last_checkpoint", status.lastCheckpoint());
    } catch (EntropyException e) {
      report.put("state", "failed");
      report.put("writable", false);
      report.put("reason", Errors.describe(e));
    }
    return report;
  }

  /**
   * A check must not create a log (a mistyped --home would silently start a new one); the first
   * draw does. Writable then means the home can hold one.
   */
  private Map<String, Object> absentLogReport(Map<String, Object> report) {
    report.put("state", "absent");
    report.put("records", 0);
    try {
      Home.checkUsable(parent.home());
      report.put("writable", true);
      report.put("reason", "no provenance log at " + parent.home().toAbsolutePath() + " yet");
    } catch (IllegalArgumentException e) {
      report.put("writable", false);
      report.put("reason", e.getMessage());
    }
    return report;
  }

  private Map<String, Object> probe(SourceDriver driver) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("id", driver.id());
    if (!driver.isAvailable()) {
      report.put("state", "unavailable");
      report.put("reason", driver.unavailabilityCause().map(Errors::describe).orElse("unknown"));
      return report;
    }
    try (EntropySource source = driver.open()) {
      report.put("class", source.sourceClass().label());
      HealthTestedSource tested = HealthTestedSource.wrap(source);
      report.put("min_entropy_claim", source.claimedMinEntropy());
      report.put("rct_cutoff", tested.cutoffs().rctCutoff());
      report.put("apt_cutoff", tested.cutoffs().aptCutoff());
      byte[] buf = new byte[PROBE_BYTES];
      tested.read(buf, 0, buf.length, Duration.ofSeconds(timeoutSeconds));
      java.util.Arrays.fill(buf, (byte) 0);
      report.put("state", tested.alarms() == 0 ? "healthy" : "degraded");
      report.put("alarms", tested.alarms());
    } catch (EntropyException e) {
      report.put("state", "failed");
      report.put("reason", Errors.describe(e));
    }
    return report;
  }

  private void print(boolean healthy, List<Map<String, Object>> sources, Map<String, Object> log) {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", healthy ? "healthy" : "unhealthy");
      out.put("sources", sources);
      out.put("log", log);
      System.out.println(Json.writePretty(out));
      return;
    }
    System.out.println("status: " + (healthy ? "healthy" : "unhealthy"));
    for (Map<String, Object> s : sources) {
      String cls = String.valueOf(s.getOrDefault("class", "-"));
      String reason = s.containsKey("reason") ? "  " + s.get("reason") : "";
      System.out.printf("source %-8s %-9s %-10s%s%n", s.get("id"), cls, s.get("state"), reason);
    }
    System.out.printf(
        "log    %-8s records %s  key %s%s%n",
        log.get("state"),
        log.getOrDefault("records", "-"),
        log.getOrDefault("key", "-"),
        log.containsKey("reason") ? "  " + log.get("reason") : "");
  }
}
