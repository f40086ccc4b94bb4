/** Entropy source drivers of quamtx: /dev/hwrng, RDSEED and the operating-system fallback. */
module io.quamtx.drivers {
  requires io.quamtx.core;
  requires com.sun.jna;
  requires org.slf4j;

  exports io.quamtx.drivers.hwrng;
  exports io.quamtx.drivers.rdseed;
  exports io.quamtx.drivers.os;

  // JNA reads the binding interfaces' fields reflectively.
  opens io.quamtx.drivers.internal to
      com.sun.jna;

  provides io.quamtx.core.SourceDriver with
      io.quamtx.drivers.rdseed.RdseedDriver,
      io.quamtx.drivers.hwrng.HwrngDriver,
      io.quamtx.drivers.os.GetrandomDriver;
}
