/** Entropy source drivers of quamtx: /dev/hwrng, RDSEED and the operating-system fallback. */
module io.quamtx.drivers {
  requires io.quamtx.core;
  requires com.sun.jna;
  requires org.slf4j;

  exports io.quamtx.drivers.hwrng;
  exports io.quamtx.drivers.rdseed;
  exports io.quamtx.drivers.os;
  exports io.quamtx.drivers.file;
  exports io.quamtx.drivers.serial;
  exports io.quamtx.drivers.quantis;

  // JNA reads the binding interfaces' fields reflectively.
  opens io.quamtx.drivers.internal to
      com.sun.jna;

  provides io.quamtx.core.SourceDriver with
      io.quamtx.drivers.rdseed.RdseedDriver,
      io.quamtx.drivers.hwrng.HwrngDriver,
      io.quamtx.drivers.os.GetrandomDriver,
      io.quamtx.drivers.file.FileSourceDriver,
      io.quamtx.drivers.serial.TrueRngDriver,
      io.quamtx.drivers.serial.OneRngDriver,
      io.quamtx.drivers.quantis.QuantisDriver;
}
