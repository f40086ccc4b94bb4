package io.quamtx.benchmarks;

/**
 * Time to first output in a fresh JVM: {@code getInstance} plus the first {@code nextBytes(32)} of
 * one variant, measured in-process. Run once per JVM: {@code java -cp benchmarks.jar
 * io.quamtx.benchmarks.SecureRandomStartup QUAMTX [gap-ms]}. With a gap, the program sleeps that
 * long between {@code getInstance} and the first {@code nextBytes}, as an application does that
 * gets its generator at start and draws later.
 */
public final class SecureRandomStartup {
  private SecureRandomStartup() {}

  /**
   * QUAMTX and SUN-DRBG are made here directly, as an application makes them; the other variants
   * through {@link SecureRandomVariants}, whose first use loads classes of every peer provider
   * (BouncyCastle, ACCP) and would add that to whichever variant is measured.
   */
  private static java.security.SecureRandom create(String variant) throws Exception {
    switch (variant) {
      case "QUAMTX":
        return java.security.SecureRandom.getInstance("QUAMTX", new io.quamtx.jca.QuamtxProvider());
      case "SUN-DRBG":
        return java.security.SecureRandom.getInstance("DRBG", "SUN");
      default:
        return SecureRandomVariants.create(variant);
    }
  }

  public static void main(String[] args) throws Exception {
    long gapMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    long t0 = System.nanoTime();
    java.security.SecureRandom r = create(args[0]);
    long t1 = System.nanoTime();
    if (gapMs > 0) {
      Thread.sleep(gapMs);
    }
    long t1b = System.nanoTime();
    r.nextBytes(new byte[32]);
    long t2 = System.nanoTime();
    System.out.printf(
        "%s getInstance %.1f ms, first nextBytes %.1f ms, total %.1f ms%n",
        args[0], (t1 - t0) / 1e6, (t2 - t1b) / 1e6, (t1 - t0 + t2 - t1b) / 1e6);
  }
}
