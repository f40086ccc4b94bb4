package io.quamtx.drivers.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The calls quamtx makes into ID Quantique's {@code libQuantis}, with their C names. Device types:
 * 1 PCI/PCIe, 2 USB. Negative returns are the library's error codes ({@link QuantisError}).
 */
public interface QuantisLibrary extends Library {
  int QUANTIS_DEVICE_PCI = 1;
  int QUANTIS_DEVICE_USB = 2;

  int QuantisCount(int deviceType);

  int QuantisOpen(int deviceType, int deviceNumber, PointerByReference deviceHandle);

  void QuantisClose(Pointer deviceHandle);

  int QuantisReadHandled(Pointer deviceHandle, Pointer buffer, long size);

  String QuantisGetSerialNumber(int deviceType, int deviceNumber);

  int QuantisGetModulesMask(int deviceType, int deviceNumber);

  int QuantisGetModulesStatus(int deviceType, int deviceNumber);
}
