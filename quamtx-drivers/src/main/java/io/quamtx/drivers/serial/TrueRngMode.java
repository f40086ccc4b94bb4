package io.quamtx.drivers.serial;

import java.util.Locale;

/**
 * The binary output modes of TrueRNGpro and TrueRNGproV2, chosen by a baud-rate knock: open and
 * close the port at 110, 300 and 110 baud, then at the mode's rate.
 *
 * <p>The ASCII and debug modes, and {@code RAW_BIN} (whose sample framing is not documented in the
 * sources quamtx was built from), are left out on purpose. Note the vendor's table: {@code NORMAL}
 * ends in a Mersenne Twister stage, so its output is not raw noise.
 */
public enum TrueRngMode {
  NORMAL(300),
  RNG1WHITE(4800),
  RNG2WHITE(9600),
  UNWHITENED(57600);

  private final int baud;

  TrueRngMode(int baud) {
    this.baud = baud;
  }

  /** The rate that selects this mode. */
  public int baud() {
    return baud;
  }

  /**
   * Parses a mode name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static TrueRngMode parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TrueRNG mode '" + name + "'; allowed: normal, rng1white, rng2white, unwhitened", e);
    }
  }
}
