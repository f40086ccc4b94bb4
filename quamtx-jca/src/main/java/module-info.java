/** The QUAMTX JCA provider and the explicit-draw API. */
module io.quamtx.jca {
  requires transitive io.quamtx.core;
  requires transitive io.quamtx.provenance;
  requires org.slf4j;

  exports io.quamtx.jca;

  provides java.security.Provider with
      io.quamtx.jca.QuamtxProvider;
}
