package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.provenance.ProvenanceLog;
import io.quamtx.provenance.Verification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the shared engine started in the background at {@code getInstance}, the first draw of a
 * fresh JVM is still seeded only from real hardware sources that passed their health tests, and
 * each seed is in the provenance log before the bytes are returned.
 */
final class FirstDrawProvenanceTest {

  private static String runProbe(Path home, String... args) throws Exception {
    Process p = startProbe(home, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("bytes=32"), out);
    return out;
  }

  /**
   * Starts the probe and waits for it; its output is still to be read. Arguments starting with
   * {@code -D} go to the JVM, the others to the probe.
   */
  private static Process startProbe(Path home, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Dquamtx.home=" + home));
    List<String> probeArgs = new ArrayList<>();
    for (String a : args) {
      (a.startsWith("-D") ? command : probeArgs).add(a);
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), FirstDrawProbe.class.getName()));
    command.addAll(probeArgs);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe JVM did not finish in 60 s (a start-up deadlock?)");
    }
    return p;
  }

  /** Ids of the sources the probe saw as hardware, healthy and harvested from. */
  private static Set<String> healthyHardware(String out) {
    return out.lines()
        .filter(l -> l.startsWith("source "))
        .map(l -> l.split(" "))
        .filter(f -> f[2].equals("hardware") && f[3].equals("AVAILABLE"))
        .filter(f -> Long.parseLong(f[4]) > 0)
        .map(f -> f[1])
        .collect(Collectors.toSet());
  }

  private static List<Map<String, Object>> seeds(ProvenanceLog log) throws Exception {
    List<Map<String, Object>> seeds = new ArrayList<>();
    for (long seq = 0; seq < log.status().records(); seq++) {
      Map<String, Object> r = log.record(seq);
      if ("conditioned".equals(r.get("source_class"))) {
        seeds.add(r);
      }
    }
    return seeds;
  }

  @Test
  void firstDrawOfAFreshJvmIsSeededFromHealthTestedHardwareAndRecorded(@TempDir Path home)
      throws Exception {
    Set<String> hardware = healthyHardware(runProbe(home));
    assertFalse(hardware.isEmpty(), "no healthy hardware source on this machine");
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      List<Map<String, Object>> seeds = seeds(log);
      assertEquals(2, seeds.size(), "entropy input and nonce of the first DRBG: " + seeds);
      for (Map<String, Object> s : seeds) {
        assertEquals("pass", s.get("health"), s.toString());
        assertTrue(
            String.valueOf(s.get("min_entropy_basis")).contains("instantiate"), s.toString());
        assertEquals(1.0, ((Number) s.get("min_entropy_per_byte")).doubleValue(), 1e-9);
        for (String id : String.valueOf(s.get("source_id")).split("\\+")) {
          assertTrue(hardware.contains(id), id + " is not a healthy hardware source " + hardware);
        }
      }
      String id = (String) seeds.get(1).get("provenance_id");
      Verification v = log.verify(id).orElseThrow();
      assertTrue(v.valid(), v.reason());
    }
  }

  /**
   * The JCE starts loading only when a thread needs its second block, after the first output, so a
   * fresh JVM's first DRBG is always the Hash_DRBG, and the CTR_DRBG that replaces it once AES has
   * loaded is seeded and recorded anew.
   */
  @Test
  void firstOutputComesFromAHashDrbgAndTheCtrDrbgTakesOverOnceAesHasLoaded(@TempDir Path home)
      throws Exception {
    String out = runProbe(home, "more");
    assertTrue(out.contains("jce-loading-after-first=false"), out);
    assertTrue(out.contains("jce-loading-at-second-block=true"), out);
    assertTrue(out.contains("aes-loaded=true"), out);
    try (ProvenanceLog log = ProvenanceLog.open(home)) {
      List<Map<String, Object>> seeds = seeds(log);
      List<String> purposes = new ArrayList<>();
      for (Map<String, Object> s : seeds) {
        String basis = String.valueOf(s.get("min_entropy_basis"));
        purposes.add(basis.substring(basis.lastIndexOf("; ") + 2));
      }
      String hash = ThreadDrbg.PROVISIONAL;
      assertEquals(List.of(hash, hash, "instantiate", "instantiate"), purposes, seeds.toString());
    }
  }

  /** The log opens beside the drivers now; a log that cannot be opened still gives no bytes. */
  @ParameterizedTest
  @ValueSource(strings = {"deny", "os"})
  void aLogThatCannotBeOpenedFailsTheFirstDrawClosed(String fallback, @TempDir Path dir)
      throws Exception {
    Path home = Files.writeString(dir.resolve("home-is-a-file"), "not a directory");
    Process p = startProbe(home, "-Dquamtx.fallback=" + fallback);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertNotEquals(0, p.exitValue(), out);
    assertTrue(out.contains(QuamtxUnavailableException.class.getName()), out);
    assertFalse(out.contains("bytes="), out);
  }
}
