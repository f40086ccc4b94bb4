package io.quamtx.jca;

import io.quamtx.core.reservoir.SourceStatus;
import java.security.SecureRandom;

/**
 * Run in a fresh JVM by {@link FirstDrawProvenanceTest}: the first draw of the shared engine, as a
 * user makes it, then what each real source did.
 */
public final class FirstDrawProbe {
  private FirstDrawProbe() {}

  public static void main(String[] args) throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", new QuamtxProvider());
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("bytes=" + out.length);
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
