package io.quamtx.drivers.quantis;

import io.quamtx.drivers.internal.QuantisLibrary;

/**
 * A Quantis device: {@code quantis} (the first USB device, else the first PCI one), {@code
 * quantis:usb/0}, {@code quantis:pci/1}, each optionally with {@code ?h=BITS}.
 *
 * @param deviceType {@link QuantisLibrary#QUANTIS_DEVICE_PCI} or {@code _USB}
 * @param deviceNumber from 0
 * @param minEntropy claimed bits per byte
 */
public record QuantisSpec(int deviceType, int deviceNumber, double minEntropy) {
  /** The claim for an unassessed device; set {@code h} from an SP 800-90B assessment. */
  public static final double DEFAULT_MIN_ENTROPY = 2.0;

  public QuantisSpec {
    if (deviceType != QuantisLibrary.QUANTIS_DEVICE_PCI
        && deviceType != QuantisLibrary.QUANTIS_DEVICE_USB) {
      throw new IllegalArgumentException("Quantis device type " + deviceType + "; 1 or 2");
    }
    if (deviceNumber < 0) {
      throw new IllegalArgumentException("Quantis device number " + deviceNumber + "; >= 0");
    }
    if (!(minEntropy > 0 && minEntropy <= 8)) {
      throw new IllegalArgumentException("Quantis h=" + minEntropy + "; must be in (0, 8]");
    }
  }

  /**
   * Parses {@code quantis:usb/0[?h=..]}; {@code quantis} alone returns null (find the first).
   *
   * @throws IllegalArgumentException naming the spec and the bad part
   */
  public static QuantisSpec parse(String spec) {
    if (spec.equals("quantis")) {
      return null;
    }
    String rest = spec.startsWith("quantis:") ? spec.substring("quantis:".length()) : "";
    String[] parts = rest.split("\\?h=", 2);
    String[] device = parts[0].split("/", 2);
    try {
      int type =
          switch (device[0]) {
            case "usb" -> QuantisLibrary.QUANTIS_DEVICE_USB;
            case "pci" -> QuantisLibrary.QUANTIS_DEVICE_PCI;
            default ->
                throw new IllegalArgumentException("type '" + device[0] + "' is not usb or pci");
          };
      int number = device.length == 2 ? Integer.parseInt(device[1]) : 0;
      double h = parts.length == 2 ? Double.parseDouble(parts[1]) : DEFAULT_MIN_ENTROPY;
      return new QuantisSpec(type, number, h);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + spec + "' is not quantis:usb|pci/N[?h=..]: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    String type = deviceType == QuantisLibrary.QUANTIS_DEVICE_USB ? "usb" : "pci";
    return "quantis " + type + "/" + deviceNumber;
  }
}
