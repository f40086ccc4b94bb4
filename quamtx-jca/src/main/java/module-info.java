/** The QUAMTX JCA provider and the explicit-draw API. */
module io.quamtx.jca {
  requires transitive io.quamtx.core;
  requires transitive io.quamtx.provenance;

  exports io.quamtx.jca;
}
