/** The QUAMTX java.security.Provider: SecureRandom backed by health-tested hardware entropy. */
module io.quamtx.jca {
  requires transitive io.quamtx.core;
  requires org.slf4j;

  exports io.quamtx.jca;

  provides java.security.Provider with
      io.quamtx.jca.QuamtxProvider;
}
