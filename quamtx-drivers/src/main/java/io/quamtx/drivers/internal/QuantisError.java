package io.quamtx.drivers.internal;

import io.quamtx.core.SourceUnavailableException.Reason;

/**
 * The error codes of {@code libQuantis}. Current releases number them from -101; older ones from -1
 * (and -99 for "other"); both are recognised.
 */
public enum QuantisError {
  NO_DRIVER(1, Reason.ABSENT),
  INVALID_DEVICE_NUMBER(2, Reason.ABSENT),
  INVALID_READ_SIZE(3, Reason.UNSPECIFIED),
  INVALID_PARAMETER(4, Reason.UNSPECIFIED),
  NO_MEMORY(5, Reason.UNSPECIFIED),
  NO_MODULE(6, Reason.FAULT),
  IO(7, Reason.GONE),
  NO_DEVICE(8, Reason.GONE),
  OPERATION_NOT_SUPPORTED(9, Reason.UNSPECIFIED),
  INVALID_STATUS(10, Reason.FAULT),
  OTHER(99, Reason.UNSPECIFIED);

  private final int index;
  private final Reason reason;

  QuantisError(int index, Reason reason) {
    this.index = index;
    this.reason = reason;
  }

  /** How quamtx classifies this error. */
  public Reason reason() {
    return reason;
  }

  /** The error of a negative return code, in either numbering; {@link #OTHER} if unknown. */
  public static QuantisError of(int code) {
    int index = code <= -100 ? -code - 100 : -code;
    for (QuantisError e : values()) {
      if (e.index == index) {
        return e;
      }
    }
    return OTHER;
  }

  /** {@code -108 QUANTIS_ERROR_NO_DEVICE}. */
  public static String describe(int code) {
    return code + " QUANTIS_ERROR_" + of(code).name();
  }
}
