package io.quamtx.jca;

import io.quamtx.core.reservoir.SourceStatus;
import java.security.SecureRandom;

/**
 * Run in a fresh JVM by {@link FirstDrawProvenanceTest}: the first draw of the shared engine, as a
 * user makes it, then what each real source did. With the argument {@code more}, it then draws into
 * the thread's second block, which starts the loading of the JCE's AES, waits for that to end and
 * draws two more 4 KiB blocks' worth, 32 bytes at a time, so that the thread's CTR_DRBG takes over;
 * far too few requests for a reseed.
 */
public final class FirstDrawProbe {
  private FirstDrawProbe() {}

  public static void main(String[] args) throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider());
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("bytes=" + out.length);
    System.out.println("jce-loading-after-first=" + jceLoading());
    if (args.length > 0 && args[0].equals("more")) {
      // The rest of the first block, then the first request from the second.
      for (int i = 0; i < ThreadDrbg.FIRST_BLOCK / out.length; i++) {
        r.nextBytes(out);
      }
      System.out.println(
          "jce-loading-at-second-block=" + (jceLoading() || QuamtxEngine.sharedAesLoaded()));
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

  /** Whether the engine's thread that loads the JCE has been started. */
  private static boolean jceLoading() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("quamtx-load-jce")) {
        return true;
      }
    }
    return false;
  }
}
