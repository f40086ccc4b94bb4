/** The quamtx HTTP API: an embedded server over the library, with keys, tiers and limits. */
module io.quamtx.gateway {
  requires io.quamtx.jca;
  requires org.eclipse.jetty.server;
  requires io.github.bucket4j.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.quamtx.gateway;
}
