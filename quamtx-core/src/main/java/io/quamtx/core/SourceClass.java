package io.quamtx.core;

import java.util.Locale;

/**
 * The class of an output, as it appears in provenance records.
 *
 * <p>{@link #HARDWARE} is health-tested physical noise through a vetted conditioning component;
 * {@link #CONDITIONED} is DRBG output seeded from hardware material; {@link #FALLBACK} is the
 * operating system's generator, used only when a policy allows it.
 */
public enum SourceClass {
  HARDWARE(1.0),
  CONDITIONED(0.5),
  FALLBACK(0.25);

  private final double billingWeight;
  // Every provenance record asks for the label twice; lower-casing the name each time showed up.
  private final String label = name().toLowerCase(Locale.ROOT);

  SourceClass(double billingWeight) {
    this.billingWeight = billingWeight;
  }

  /** The lower-case name used in records and on the command line. */
  public String label() {
    return label;
  }

  /** The billing weight of one byte of this class. */
  public double billingWeight() {
    return billingWeight;
  }

  /**
   * Parses a label such as {@code "hardware"}.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static SourceClass fromLabel(String label) {
    for (SourceClass c : values()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown source class '" + label + "'; allowed: hardware, conditioned, fallback");
  }
}
