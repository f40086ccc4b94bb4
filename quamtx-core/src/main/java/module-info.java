/** Source SPI, SP 800-90B health tests, conditioning and the DRBGs of quamtx. */
module io.quamtx.core {
  requires org.slf4j;
  requires static com.sun.jna;

  exports io.quamtx.core;
  exports io.quamtx.core.health;
  exports io.quamtx.core.assess;
  exports io.quamtx.core.conditioning;
  exports io.quamtx.core.drbg;
  exports io.quamtx.core.reservoir;

  uses io.quamtx.core.SourceDriver;
}
