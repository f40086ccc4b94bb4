/** Runnable examples of quamtx. */
module io.quamtx.examples {
  requires io.quamtx.jca;

  exports io.quamtx.examples;
}
