package io.quamtx.jca;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandomParameters;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code QUAMTX} JCA provider.
 *
 * <p>Services: {@code SecureRandom.QUAMTX}, an SP 800-90A CTR_DRBG (AES-256) per thread seeded from
 * health-tested hardware entropy (class {@code conditioned}), and {@code
 * SecureRandom.QUAMTX-HARDWARE}, full-entropy conditioned hardware output (class {@code hardware}).
 * Both are registered {@code ThreadSafe=true}.
 *
 * <p>Install it by {@code Security.addProvider(new QuamtxProvider())}, through {@link
 * java.util.ServiceLoader} (class path or module path), or with a {@code
 * security.provider.N=QUAMTX} line in {@code java.security}. Constructing it is cheap: the sources
 * start, on a background thread, when a service is first instantiated ({@code getInstance}).
 * Thread-safe.
 */
public final class QuamtxProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider's name. */
  public static final String NAME = "QUAMTX";

  /** The conditioned DRBG service, the default. */
  public static final String CONDITIONED = "QUAMTX";

  /** The full-entropy hardware service. */
  public static final String HARDWARE = "QUAMTX-HARDWARE";

  private final transient QuamtxEngine engine;

  /**
   * A provider over {@link QuamtxEngine#shared()}; what ServiceLoader and java.security use. It
   * opens no source and starts no thread.
   */
  public QuamtxProvider() {
    this(null);
  }

  /** A provider over {@code engine}; null means {@link QuamtxEngine#shared()}. */
  public QuamtxProvider(QuamtxEngine engine) {
    super(NAME, "0.1", "quamtx: SP 800-90A DRBG and full-entropy output from hardware sources");
    this.engine = engine;
    putService(new RandomService(this, CONDITIONED, false));
    putService(new RandomService(this, HARDWARE, true));
  }

  /**
   * The engine for a new SPI. The shared engine is started here on a background thread, so that
   * {@code getInstance} returns once the settings are read (see {@code QuamtxEngine.startShared})
   * and the first {@code nextBytes} waits only for what is left of the start-up; the SPI asks the
   * supplier for it at its first call.
   */
  Supplier<QuamtxEngine> engine() {
    // Classes, not lambdas: the first lambda of a JVM costs milliseconds of bootstrap, and this
    // runs in getInstance.
    QuamtxEngine given = engine;
    if (given != null) {
      return new Supplier<QuamtxEngine>() {
        @Override
        public QuamtxEngine get() {
          return given;
        }
      };
    }
    QuamtxEngine.startShared();
    return new Supplier<QuamtxEngine>() {
      @Override
      public QuamtxEngine get() {
        return QuamtxEngine.sharedForDraw();
      }
    };
  }

  /** Creates the SPIs with this provider's engine instead of by reflection. */
  private static final class RandomService extends Service {
    private final boolean hardware;

    RandomService(QuamtxProvider p, String algorithm, boolean hardware) {
      super(
          p,
          "SecureRandom",
          algorithm,
          (hardware ? HardwareSpi.class : ConditionedSpi.class).getName(),
          null,
          Map.of("ThreadSafe", "true"));
      this.hardware = hardware;
    }

    @Override
    public Object newInstance(Object param) throws NoSuchAlgorithmException {
      if (param != null && !(param instanceof SecureRandomParameters)) {
        throw new NoSuchAlgorithmException("unsupported parameter " + param.getClass().getName());
      }
      Supplier<QuamtxEngine> e = ((QuamtxProvider) getProvider()).engine();
      SecureRandomParameters p = (SecureRandomParameters) param;
      try {
        return hardware ? new HardwareSpi(e, p) : new ConditionedSpi(e, p);
      } catch (IllegalArgumentException ex) {
        throw new NoSuchAlgorithmException(ex.getMessage(), ex);
      }
    }
  }
}
