/** The signed, hash-chained provenance log of quamtx and its offline verifier. */
module io.quamtx.provenance {
  requires transitive io.quamtx.core;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports io.quamtx.provenance;
}
