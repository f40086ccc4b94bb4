package io.quamtx.provenance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SoftHSM2 token made for one test run: its own configuration (at the path surefire puts in
 * SOFTHSM2_CONF) and token directory, a token initialized with softhsm2-util, and EC P-256 key
 * pairs generated inside it by keytool through SunPKCS11. Skips when SoftHSM2 is not installed.
 */
final class SoftHsmToken {
  static final String PIN = "4711-quamtx";
  private static final List<Path> LIBRARIES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib64/pkcs11/libsofthsm2.so"));

  final Path providerConfig;

  /** A second token of the same library, never logged in, for the wrong-PIN case. */
  final Path spareProviderConfig;

  final Path pinFile;
  private final Path conf;

  private SoftHsmToken(Path providerConfig, Path spare, Path pinFile, Path conf) {
    this.providerConfig = providerConfig;
    this.spareProviderConfig = spare;
    this.pinFile = pinFile;
    this.conf = conf;
  }

  /** Makes the token under {@code dir}; skips the test when SoftHSM2 is absent. */
  static SoftHsmToken create(Path dir) throws IOException, InterruptedException {
    Path lib = LIBRARIES.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    assumeTrue(lib != null, "SoftHSM2 library not installed (apt-get install softhsm2); skipping");
    String confEnv = System.getenv("SOFTHSM2_CONF");
    assumeTrue(confEnv != null, "SOFTHSM2_CONF is not set (surefire sets it); skipping");
    Path conf = Path.of(confEnv);
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.createDirectories(conf.getParent());
    Files.writeString(
        conf,
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Path cfg = initToken(conf, lib, dir, "quamtx-test");
    Path spare = initToken(conf, lib, dir, "quamtx-spare");
    Path pin = dir.resolve("pin");
    Files.writeString(pin, PIN + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
    return new SoftHsmToken(cfg, spare, pin, conf);
  }

  private static Path initToken(Path conf, Path lib, Path dir, String label)
      throws IOException, InterruptedException {
    String out =
        run(
            conf,
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--so-pin",
            "so-" + PIN,
            "--pin",
            PIN);
    Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("softhsm2-util did not report a slot: " + out);
    }
    Path cfg = dir.resolve(label + ".cfg");
    String name = label.replace("-", "");
    Files.writeString(
        cfg, "name = " + name + "\nlibrary = " + lib + "\nslot = " + m.group(1) + "\n");
    return cfg;
  }

  /** Generates an EC P-256 key pair (and its self-signed certificate) in the token. */
  void generateKey(String alias) throws IOException, InterruptedException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        conf,
        keytool,
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-sigalg",
        "SHA256withECDSA",
        "-dname",
        "CN=" + alias,
        "-validity",
        "3650",
        "-keystore",
        "NONE",
        "-storetype",
        "PKCS11",
        "-addprovider",
        "SunPKCS11",
        "-providerArg",
        providerConfig.toString(),
        "-storepass",
        PIN);
  }

  Pkcs11Config config(String alias) {
    return Pkcs11Config.pinFromFile(providerConfig, alias, pinFile);
  }

  private static String run(Path conf, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", conf.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      assumeTrue(false, command[0] + " not found (" + e.getMessage() + "); skipping");
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command[0], command[1]) + ": " + out);
    }
    return out;
  }
}
