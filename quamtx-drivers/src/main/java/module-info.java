/**
 * Entropy source drivers of quamtx: RDSEED, /dev/hwrng, USB serial generators (TrueRNG, OneRNG), ID
 * Quantique Quantis, byte-stream files and the operating-system fallback.
 */
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

  provides io.quamtx.core.SourceDriver with
      io.quamtx.drivers.rdseed.RdseedDriver,
      io.quamtx.drivers.hwrng.HwrngDriver,
      io.quamtx.drivers.os.GetrandomDriver,
      io.quamtx.drivers.file.FileSourceDriver,
      io.quamtx.drivers.serial.TrueRngDriver,
      io.quamtx.drivers.serial.OneRngDriver,
      io.quamtx.drivers.quantis.QuantisDriver;
}
