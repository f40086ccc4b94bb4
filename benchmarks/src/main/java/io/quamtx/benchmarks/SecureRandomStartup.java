package io.quamtx.benchmarks;

/**
 * Time to first output in a fresh JVM: {@code getInstance} plus the first {@code nextBytes(32)} of
 * one variant, measured in-process. Run once per JVM: {@code java -cp benchmarks.jar
 * io.quamtx.benchmarks.SecureRandomStartup QUAMTX}.
 */
public final class SecureRandomStartup {
  private SecureRandomStartup() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    java.security.SecureRandom r = SecureRandomVariants.create(args[0]);
    long t1 = System.nanoTime();
    r.nextBytes(new byte[32]);
    long t2 = System.nanoTime();
    System.out.printf(
        "%s getInstance %.1f ms, first nextBytes %.1f ms, total %.1f ms%n",
        args[0], (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
  }
}
