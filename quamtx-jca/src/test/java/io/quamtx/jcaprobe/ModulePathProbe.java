package io.quamtx.jcaprobe;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ServiceLoader;

/**
 * Run in a fresh JVM by {@code io.quamtx.jca.InstallModesTest} with quamtx on the module path:
 * finds the provider through the {@code provides} clause of its module descriptor and draws from
 * it.
 */
public final class ModulePathProbe {
  private ModulePathProbe() {}

  public static void main(String[] args) throws Exception {
    Provider p =
        ServiceLoader.load(Provider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.getName().equals("QUAMTX"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("QUAMTX not found on the module path"));
    Security.addProvider(p);
    SecureRandom r = SecureRandom.getInstance("QUAMTX");
    byte[] out = new byte[32];
    r.nextBytes(out);
    System.out.println("module=" + p.getClass().getModule().getName() + " bytes=" + out.length);
  }
}
