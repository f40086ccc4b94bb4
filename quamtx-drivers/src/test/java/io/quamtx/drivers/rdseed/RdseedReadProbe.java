package io.quamtx.drivers.rdseed;

import java.time.Duration;

/** Opens RDSEED through its driver and reads 64 bytes; run in its own JVM by a test. */
final class RdseedReadProbe {
  private RdseedReadProbe() {}

  public static void main(String[] args) throws Exception {
    try (var source = new RdseedDriver().open()) {
      byte[] buf = new byte[64];
      int n = 0;
      while (n < buf.length) {
        n += source.read(buf, n, buf.length - n, Duration.ofSeconds(5));
      }
      System.out.println("read " + n + " bytes");
    }
  }
}
