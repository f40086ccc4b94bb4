package io.quamtx.jca;

import io.quamtx.core.reservoir.SourceStatus;
import java.security.SecureRandom;

/**
 * Run in a fresh JVM by {@link FirstDrawProvenanceTest}: the first draw of the shared engine, as a
 * user makes it, then what each real source did. With the argument {@code more}, it then waits for
 * the JCE's AES to load and draws two more 4 KiB blocks' worth, 32 bytes at a time, so that the
 * thread's CTR_DRBG takes over; far too few requests for a reseed.
 */
public final class FirstDrawProbe {
  private FirstDrawProbe() {}

  public static void main(String[] args) throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider());
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("bytes=" + out.length);
    if (args.length > 0 && args[0].equals("more")) {
      long end = System.nanoTime() + 30_000_000_000L;
      while (!QuamtxEngine.sharedAesLoaded() && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      System.out.println("aes-loaded=" + QuamtxEngine.sharedAesLoaded());
      // Two blocks of 4 KiB: the first block boundary after the load switches the DRBG.
      for (int i = 0; i < 2 * ThreadDrbg.SMALL_BLOCK / out.length; i++) {
        r.nextBytes(out);
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
