package io.quamtx.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.core.health.HealthEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceMonitorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<String> changes = new ArrayList<>();

  private SourceMonitor monitor() {
    SourceMonitor m =
        SourceMonitor.create("dev", SourceClass.HARDWARE, Clock.fixed(T0, ZoneOffset.UTC));
    m.addListener((before, now) -> changes.add(before + ">" + now.state()));
    return m;
  }

  private static HealthEvent alarm(boolean permanent) {
    return new HealthEvent("dev", "RCT", 5, 5, permanent, T0);
  }

  @Test
  void startsInitializingAndCountsReads() {
    SourceMonitor m = monitor();
    assertEquals(SourceState.INITIALIZING, m.status().state());
    assertNull(m.status().lastReadAt());
    m.recordRead(64, 3);
    m.recordRead(32, 0);
    assertEquals(SourceState.INITIALIZING, m.status().state(), "raw data is not tested data");
    m.recordPassed();
    SourceStatus s = m.status();
    assertEquals(SourceState.AVAILABLE, s.state());
    assertEquals(96, s.bytes());
    assertEquals(2, s.reads());
    assertEquals(3, s.notReady());
    assertEquals("", s.reason());
    assertEquals(T0, s.lastReadAt());
    assertEquals(List.of("INITIALIZING>AVAILABLE"), changes);
  }

  @Test
  void unavailableThenBackAndDegradedStaysDegraded() {
    SourceMonitor m = monitor();
    m.recordRead(8, 0);
    m.recordPassed();
    m.recordUnavailable(new SourceUnavailableException(Reason.TIMED_OUT, "dev: late"));
    assertEquals("TIMED_OUT: dev: late", m.status().reason());
    m.recordRead(8, 0);
    m.onAlarm(alarm(false));
    m.onAlarm(alarm(false));
    m.recordRead(8, 0);
    m.recordPassed();
    assertEquals(SourceState.DEGRADED, m.status().state());
    assertTrue(m.status().reason().contains("RCT"), m.status().reason());
    assertEquals(2, m.status().healthFailures());
    assertEquals(
        List.of(
            "INITIALIZING>AVAILABLE",
            "AVAILABLE>UNAVAILABLE",
            "UNAVAILABLE>AVAILABLE",
            "AVAILABLE>DEGRADED"),
        changes);
  }

  @Test
  void failedIsFinal() {
    SourceMonitor m = monitor();
    m.onAlarm(alarm(true));
    m.recordRead(8, 0);
    m.recordUnavailable(new SourceUnavailableException(Reason.GONE, "dev: unplugged"));
    assertEquals(SourceState.FAILED, m.status().state());
    assertTrue(m.status().reason().contains("permanent"), m.status().reason());
    assertEquals(List.of("INITIALIZING>FAILED"), changes);
  }

  @Test
  void monitoredSourceReportsFailuresAndRethrows() {
    EntropySource gone =
        new EntropySource() {
          @Override
          public String id() {
            return "dev";
          }

          @Override
          public SourceClass sourceClass() {
            return SourceClass.HARDWARE;
          }

          @Override
          public int sampleBits() {
            return 8;
          }

          @Override
          public double claimedMinEntropy() {
            return 4;
          }

          @Override
          public int read(byte[] buf, int off, int len, Duration deadline)
              throws SourceUnavailableException {
            throw new SourceUnavailableException(Reason.GONE, "dev: unplugged");
          }

          @Override
          public void close() {}
        };
    MonitoredSource m = MonitoredSource.wrap(gone);
    SourceUnavailableException e =
        assertThrows(
            SourceUnavailableException.class, () -> m.read(new byte[8], 0, 8, Duration.ZERO));
    assertEquals(Reason.GONE, e.reason());
    assertEquals(SourceState.UNAVAILABLE, m.monitor().status().state());
    assertEquals("GONE: dev: unplugged", m.monitor().status().reason());
  }
}
