package io.quamtx.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider installed each way users install it, over the real drivers of this machine. */
final class InstallModesTest {

  @Test
  void serviceLoaderOnTheClassPathFindsQuamtx() {
    Provider p =
        ServiceLoader.load(Provider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.getName().equals("QUAMTX"))
            .findFirst()
            .orElseThrow();
    assertEquals(QuamtxProvider.class, p.getClass());
    for (String alg : new String[] {"QUAMTX", "QUAMTX-HARDWARE"}) {
      assertEquals("true", p.getService("SecureRandom", alg).getAttribute("ThreadSafe"));
      // JDK 17 reads the legacy property form, for the name the caller used.
      assertEquals("true", p.getProperty("SecureRandom." + alg + " ThreadSafe"));
    }
  }

  @Test
  void securityAddProviderWithRealDrivers() throws Exception {
    Security.addProvider(new QuamtxProvider());
    try {
      SecureRandom r = SecureRandom.getInstance("QUAMTX");
      assertEquals("QUAMTX", r.getProvider().getName());
      byte[] out = new byte[64];
      r.nextBytes(out);
      assertTrue(out[0] != 0 || out[1] != 0 || out[2] != 0, "real-driver output is zero");
      assertTrue(
          QuamtxEngine.shared().reservoir().sources().stream()
              .anyMatch(s -> s.contributedBytes() > 0),
          "no real source contributed: " + QuamtxEngine.shared().reservoir().sources());
    } finally {
      Security.removeProvider("QUAMTX");
    }
  }

  @Test
  void javaSecurityFileEntryInAFreshJvm(@TempDir Path dir) throws Exception {
    int next = Security.getProviders().length + 1;
    Path props = dir.resolve("quamtx.security");
    Files.writeString(props, "security.provider." + next + "=QUAMTX\n", StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Djava.security.properties=" + props,
                "-cp",
                System.getProperty("java.class.path"),
                InstalledProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("provider=QUAMTX bytes=32"), out);
    assertTrue(new File(java).canExecute());
  }

  @Test
  void modulePathServiceBindingInAFreshJvm() throws Exception {
    StringBuilder modules = new StringBuilder();
    String testClasses = null;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean ours =
          entry.contains("quamtx-")
              && (entry.endsWith(File.separator + "classes") || name.matches("quamtx-.*\\.jar"));
      boolean lib = name.matches("(slf4j-api|jna|bcprov-jdk18on|jackson-[a-z]+)-[0-9].*\\.jar");
      if (entry.endsWith("test-classes")) {
        testClasses = entry;
      } else if (ours || lib) {
        modules.append(modules.length() == 0 ? "" : File.pathSeparator).append(entry);
      }
    }
    String out =
        runJava(
            "--module-path",
            modules.toString(),
            "--add-modules",
            "ALL-MODULE-PATH",
            "-cp",
            testClasses,
            "io.quamtx.jcaprobe.ModulePathProbe");
    assertTrue(out.contains("module=io.quamtx.jca bytes=32"), out + "\nmodule path: " + modules);
  }

  private static String runJava(String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
