package io.quamtx.core.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quamtx.core.EntropyException;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceDriver;
import io.quamtx.core.SourceState;
import io.quamtx.core.SourceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Opening drivers in parallel: the first healthy source seeds, slower ones join later. */
final class ReservoirFromDriversTest {
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
      Thread.sleep(5);
    }
  }

  private static List<String> ids(Draw d) {
    return d.contributions().stream().map(Contribution::sourceId).distinct().toList();
  }

  private static SourceStatus status(Reservoir r, String id) {
    return r.sources().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void simulatedSlowDriverDoesNotDelayTheFirstDrawFromAFastOne() throws Exception {
    TestSources.Driver slow =
        new TestSources.Driver("slow", true, () -> new TestSources.Simulated("slow", 1, 0));
    TestSources.Driver fast =
        TestSources.Driver.ready("fast", () -> new TestSources.Simulated("fast", 2, 0));
    try (Reservoir r = Reservoir.fromDrivers(List.of(slow, fast), 4096)) {
      Draw first = r.take(48, Duration.ofSeconds(5));

      assertFalse(slow.opened, "the first draw waited for the slow driver to open");
      assertEquals(List.of("fast"), ids(first));
      assertEquals(SourceState.AVAILABLE, status(r, "fast").state(), "start-up test passed");
      assertEquals(48 * 8, first.minEntropyBits());

      slow.release.countDown();
      await(() -> r.sources().size() == 2 && status(r, "slow").buffered() > 0, "slow joins");
      assertTrue(drawUntilFrom(r, "slow"), "the joined source never contributed");
    }
  }

  private static boolean drawUntilFrom(Reservoir r, String id) throws EntropyException {
    for (int i = 0; i < 200; i++) {
      if (ids(r.take(64, Duration.ofSeconds(5))).contains(id)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void simulatedFastSourceFailingItsStartUpTestNeverSeedsAndTheSlowOneDoes() throws Exception {
    TestSources.Simulated stuck = new TestSources.Simulated("stuck", 3, 0);
    stuck.stuck = true;
    TestSources.Driver fast = TestSources.Driver.ready("stuck", () -> stuck);
    TestSources.Driver slow =
        new TestSources.Driver("slow", true, () -> new TestSources.Simulated("slow", 4, 0));
    try (Reservoir r = Reservoir.fromDrivers(List.of(fast, slow), 4096)) {
      await(() -> status(r, "stuck").state() == SourceState.FAILED, "stuck source fails");
      assertThrows(EntropyException.class, () -> r.take(48, Duration.ofMillis(100)));

      slow.release.countDown();
      Draw d = r.take(48, Duration.ofSeconds(5));
      assertEquals(List.of("slow"), ids(d));
    }
  }

  @Test
  void simulatedNoHardwareSourceFailsClosedNamingEveryDriver() {
    TestSources.Simulated os = new TestSources.Simulated("os", 5, 0, SourceClass.FALLBACK);
    List<TestSources.Driver> drivers =
        List.of(
            new TestSources.Driver("absent", false, () -> null),
            TestSources.Driver.ready(
                "broken",
                () -> {
                  throw new SourceUnavailableException("simulated broken device");
                }),
            TestSources.Driver.ready("os", () -> os));
    SourceUnavailableException e =
        assertThrows(SourceUnavailableException.class, () -> Reservoir.fromDrivers(drivers, 4096));
    assertEquals(
        "no hardware entropy source opened: [absent: simulated absent is absent,"
            + " broken: simulated broken device, os: class fallback is not hardware]",
        e.getMessage());
    assertTrue(os.closed(), "the fallback-class source was left open");
  }

  @Test
  void simulatedSourceOpenedAfterCloseIsClosedAndNeverJoins() throws Exception {
    TestSources.Simulated late = new TestSources.Simulated("late", 6, 0);
    TestSources.Driver slow = new TestSources.Driver("late", true, () -> late);
    TestSources.Driver fast =
        TestSources.Driver.ready("fast", () -> new TestSources.Simulated("fast", 7, 0));
    Reservoir r = Reservoir.fromDrivers(List.of(slow, fast), 4096);
    r.close();
    slow.release.countDown();
    await(late::closed, "the late source is closed");
    assertEquals(List.of("fast"), r.sources().stream().map(SourceStatus::id).toList());
    assertTrue(r.stopped());
  }

  private static TestSources.Driver quick(String id, long seed) {
    TestSources.Driver d =
        TestSources.Driver.ready(id, () -> new TestSources.Simulated(id, seed, 0));
    d.quick = true;
    return d;
  }

  @Test
  void simulatedQuickDriverSeedsAloneAndTheOthersOpenWhenTheOwnerSaysSo() throws Exception {
    TestSources.Driver other =
        TestSources.Driver.ready("other", () -> new TestSources.Simulated("other", 8, 0));
    long start = System.nanoTime();
    try (Reservoir r = Reservoir.fromDrivers(List.of(other, quick("quick", 9)), 4096)) {
      Draw first = r.take(48, Duration.ofSeconds(5));
      Thread.sleep(100);
      boolean withinGrace = System.nanoTime() - start < DriverStart.LATER_GRACE.toNanos();
      boolean otherStarted = other.openStarted;

      assertEquals(List.of("quick"), ids(first));
      if (withinGrace) {
        assertFalse(otherStarted, "the other driver was opened before the owner said so");
      }
      r.openLaterDrivers();
      await(() -> r.sources().size() == 2 && status(r, "other").buffered() > 0, "other joins");
      assertTrue(drawUntilFrom(r, "other"), "the later source never contributed");
    }
  }

  @Test
  void simulatedSingleQuickDriverOpensOnTheCallingThreadAndSeveralOnTheirOwn() throws Exception {
    TestSources.Driver alone = quick("alone", 15);
    try (Reservoir r = Reservoir.quickThen(4096, Reservoir.AS_IS, alone, List::of)) {
      assertEquals(Thread.currentThread(), alone.openedOn);
      assertEquals(List.of("alone"), ids(r.take(48, Duration.ofSeconds(5))));
    }
    TestSources.Driver one = quick("one", 16);
    TestSources.Driver two = quick("two", 17);
    TestSources.Driver rest =
        TestSources.Driver.ready("rest", () -> new TestSources.Simulated("rest", 18, 0));
    try (Reservoir r = Reservoir.fromDrivers(List.of(one, two, rest), 4096)) {
      await(() -> one.openedOn != null && two.openedOn != null, "both quick drivers open");
      assertNotEquals(Thread.currentThread(), one.openedOn);
      assertNotEquals(one.openedOn, two.openedOn);
    }
  }

  @Test
  void simulatedOthersOpenAfterTheGraceWhenTheOwnerSaysNothing() throws Exception {
    TestSources.Driver other =
        TestSources.Driver.ready("other", () -> new TestSources.Simulated("other", 10, 0));
    try (Reservoir r = Reservoir.fromDrivers(List.of(quick("quick", 11), other), 4096)) {
      await(() -> r.sources().size() == 2, "the other source joins without any draw");
      assertTrue(other.opened);
    }
  }

  @Test
  void simulatedQuickDriverAbsentOpensTheOthersAtOnce() throws Exception {
    TestSources.Driver absent = new TestSources.Driver("absent", false, () -> null);
    absent.quick = true;
    TestSources.Driver other =
        TestSources.Driver.ready("other", () -> new TestSources.Simulated("other", 12, 0));
    try (Reservoir r = Reservoir.fromDrivers(List.of(absent, other), 4096)) {
      assertEquals(List.of("other"), r.sources().stream().map(SourceStatus::id).toList());
      assertEquals(List.of("other"), ids(r.take(48, Duration.ofSeconds(5))));
    }
  }

  @Test
  void simulatedLaterDriverThatCannotOpenIsReportedOnceItGivesUp() throws Exception {
    TestSources.Driver absent = new TestSources.Driver("absent", false, () -> null);
    try (Reservoir r = Reservoir.fromDrivers(List.of(quick("quick", 13), absent), 4096)) {
      assertEquals(List.of("quick"), ids(r.take(48, Duration.ofSeconds(5))));
      await(() -> !r.unjoined().isEmpty(), "the later driver gives up");
      assertEquals(List.of("absent: simulated absent is absent"), r.unjoined());
    }
  }

  @Test
  void simulatedFailedScanForTheLaterDriversIsReportedAndTheQuickSourceServes() throws Exception {
    Supplier<List<SourceDriver>> broken =
        () -> {
          throw new ServiceConfigurationError("simulated bad provider entry");
        };
    try (Reservoir r = Reservoir.quickThen(4096, Reservoir.AS_IS, quick("quick", 14), broken)) {
      assertEquals(List.of("quick"), ids(r.take(48, Duration.ofSeconds(5))));
      await(() -> !r.unjoined().isEmpty(), "the scan fails");
      assertEquals(
          List.of("driver scan: java.util.ServiceConfigurationError: simulated bad provider entry"),
          r.unjoined());
      assertEquals(List.of("quick"), ids(r.take(48, Duration.ofSeconds(5))));
    }
  }

  @Test
  void simulatedEveryDriverFailingNamesTheQuickOnesFirst() {
    TestSources.Driver absent = new TestSources.Driver("absent", false, () -> null);
    TestSources.Driver broken =
        TestSources.Driver.ready(
            "broken",
            () -> {
              throw new SourceUnavailableException("simulated broken device");
            });
    broken.quick = true;
    SourceUnavailableException e =
        assertThrows(
            SourceUnavailableException.class,
            () -> Reservoir.fromDrivers(List.of(absent, broken), 4096));
    assertEquals(
        "no hardware entropy source opened: [broken: simulated broken device,"
            + " absent: simulated absent is absent]",
        e.getMessage());
  }
}
