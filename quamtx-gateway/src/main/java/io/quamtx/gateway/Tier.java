package io.quamtx.gateway;

import java.util.Locale;

/**
 * A key's service tier, which sets its request rate. Enterprise keys take the configured figure of
 * {@link GatewayConfig#enterprisePerMinute()}.
 */
public enum Tier {
  BUILDER(100),
  STANDARD(1_000),
  STANDARD_PLUS(1_000),
  VERIFIED(5_000),
  VERIFIED_PLUS(5_000),
  ENTERPRISE(0);

  private final int perMinute;

  Tier(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Requests per minute a key of this tier may make, before burst headroom. */
  public int perMinute(GatewayConfig config) {
    return this == ENTERPRISE ? config.enterprisePerMinute() : perMinute;
  }

  /** The lower-case name used in files, answers and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label such as {@code standard_plus}.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static Tier fromLabel(String label) {
    for (Tier t : values()) {
      if (t.label().equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown tier '"
            + label
            + "'; allowed: builder, standard, standard_plus, verified, verified_plus, enterprise");
  }
}
