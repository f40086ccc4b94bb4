package io.quamtx.examples;

import io.quamtx.jca.Draw;
import io.quamtx.jca.Quamtx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws six distinct lottery numbers from 1 to 49 with hardware entropy, and prints them with the
 * provenance id an auditor can verify with {@code quamtx verify}.
 *
 * <p>Each number comes from one drawn byte by rejection sampling, so every number is equally
 * likely: bytes at or above the largest multiple of the remaining pool size are discarded.
 *
 * <p>Run: {@code java -cp ... io.quamtx.examples.LotteryDraw [HOME]}.
 */
public final class LotteryDraw {
  private static final int PICKS = 6;
  private static final int POOL = 49;

  private LotteryDraw() {}

  /** The numbers drawn and the record that proves the draw. */
  public record Result(List<Integer> numbers, String provenanceId) {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("user.home") + "/.quamtx");
    Result result = draw(home);
    System.out.println("numbers: " + result.numbers());
    System.out.println("provenance: " + result.provenanceId());
  }

  /** Draws the numbers, recording the draw in the log under {@code home}. */
  public static Result draw(Path home) throws Exception {
    try (Quamtx quamtx = Quamtx.open(home, Duration.ofSeconds(10))) {
      Draw draw = quamtx.draw(64, null);
      byte[] bytes = draw.data();
      draw.erase();
      return new Result(pick(bytes), draw.receipt().provenanceId());
    }
  }

  /** Six distinct numbers from {@code bytes}, without modulo bias. */
  static List<Integer> pick(byte[] bytes) {
    List<Integer> pool = new ArrayList<>();
    for (int n = 1; n <= POOL; n++) {
      pool.add(n);
    }
    List<Integer> picked = new ArrayList<>();
    for (byte b : bytes) {
      int value = b & 0xff;
      int limit = 256 - 256 % pool.size();
      if (value < limit) {
        picked.add(pool.remove(value % pool.size()));
        if (picked.size() == PICKS) {
          return picked;
        }
      }
    }
    throw new IllegalStateException("64 bytes gave fewer than six accepted values");
  }
}
