package io.quamtx.jca;

import io.quamtx.core.reservoir.SourceStatus;
import java.security.SecureRandom;

/**
 * Run in a fresh JVM by {@link FirstDrawProvenanceTest}: the first draw of the shared engine, as a
 * user makes it, then what each real source did. With the argument {@code more}, it then draws 32
 * bytes at a time for about two seconds (128 per 20 ms), long enough for the JCE to load and the
 * thread's CTR_DRBG to take over, and too few requests for a reseed.
 */
public final class FirstDrawProbe {
  private FirstDrawProbe() {}

  public static void main(String[] args) throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider());
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("bytes=" + out.length);
    if (args.length > 0 && args[0].equals("more")) {
      for (int batch = 0; batch < 100; batch++) {
        for (int i = 0; i < 128; i++) {
          r.nextBytes(out);
        }
        Thread.sleep(20);
      }
    }
    for (SourceStatus s : QuamtxEngine.shared().reservoir().sources()) {
      System.out.println(
          "source "
              + s.id()
              + " "
              + s.sourceClass().label()
              + " "
              + s.state()
              + " "
              + s.harvestedBytes());
    }
  }
}
