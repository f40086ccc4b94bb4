/** The quamtx command. */
module io.quamtx.cli {
  requires io.quamtx.jca;
  requires io.quamtx.gateway;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;

  opens io.quamtx.cli to
      info.picocli;
}
