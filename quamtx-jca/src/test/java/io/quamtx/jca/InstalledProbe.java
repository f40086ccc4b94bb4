package io.quamtx.jca;

import java.security.SecureRandom;

/** Run in a fresh JVM by {@link InstallModesTest}: uses QUAMTX as installed by java.security. */
public final class InstalledProbe {
  private InstalledProbe() {}

  public static void main(String[] args) throws Exception {
    SecureRandom r = SecureRandom.getInstance("QUAMTX", "QUAMTX");
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("provider=" + r.getProvider().getName() + " bytes=" + out.length);
  }
}
