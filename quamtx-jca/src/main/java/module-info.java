/** The QUAMTX JCA provider and the explicit-draw API. */
module io.quamtx.jca {
  requires transitive io.quamtx.core;
  requires transitive io.quamtx.provenance;
  // The shared engine makes the RDSEED driver directly; every other driver is found by
  // ServiceLoader, and the engine works without this module.
  requires static io.quamtx.drivers;
  requires org.slf4j;

  exports io.quamtx.jca;

  provides java.security.Provider with
      io.quamtx.jca.QuamtxProvider;
}
