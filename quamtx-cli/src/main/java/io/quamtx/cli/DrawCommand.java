package io.quamtx.cli;

import io.quamtx.core.Sources;
import io.quamtx.jca.Draw;
import io.quamtx.jca.Quamtx;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quamtx draw}: draws hardware entropy and records it in the provenance log. */
@Command(
    name = "draw",
    mixinStandardHelpOptions = true,
    description = "Draw health-tested hardware entropy and append a signed provenance record.")
final class DrawCommand implements Callable<Integer> {

  /** Output encodings of the drawn bytes. */
  enum Format {
    hex,
    base64,
    binary
  }

  @ParentCommand QuamtxCommand parent;

  @Option(
      names = "--bytes",
      required = true,
      paramLabel = "N",
      description = "Bytes to draw, 1 to " + Quamtx.MAX_DRAW_BYTES + ".")
  int bytes;

  @Option(
      names = "--format",
      defaultValue = "hex",
      paramLabel = "FORMAT",
      description = "hex, base64 or binary (raw bytes on stdout, record on stderr).")
  Format format;

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Draw from this source only (default: the best healthy hardware source).")
  String source;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (bytes < 1 || bytes > Quamtx.MAX_DRAW_BYTES) {
      throw new IllegalArgumentException(
          "--bytes " + bytes + ": allowed 1 to " + Quamtx.MAX_DRAW_BYTES);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": must be at least 1");
    }
    if (source != null && Sources.drivers().stream().noneMatch(d -> d.accepts(source))) {
      throw new IllegalArgumentException(
          "--source " + source + ": no such source; installed: " + driverIds());
    }
    try (Quamtx quamtx = Quamtx.open(parent.home(), Duration.ofSeconds(timeoutSeconds))) {
      Draw draw = quamtx.draw(bytes, source);
      try {
        print(draw);
      } finally {
        draw.erase();
      }
      if (System.out.checkError() || System.err.checkError()) {
        throw new IOException(
            "could not write the output; the draw is recorded as " + draw.receipt().provenanceId());
      }
    }
    return 0;
  }

  private void print(Draw draw) throws IOException {
    byte[] data = draw.data();
    Map<String, Object> out = new LinkedHashMap<>();
    if (format == Format.binary) {
      out.put("format", "binary");
      out.put("provenance", draw.receipt().record());
      out.put("opening", draw.receipt().opening());
      PrintStream stdout = System.out;
      stdout.write(data);
      stdout.flush();
      System.err.println(Json.write(out));
      return;
    }
    out.put("data", format == Format.hex ? HexFormat.of().formatHex(data) : encode64(data));
    out.put("format", format.name());
    out.put("provenance", draw.receipt().record());
    out.put("opening", draw.receipt().opening());
    System.out.println(Json.write(out));
  }

  private static String driverIds() {
    return String.join(", ", Sources.drivers().stream().map(d -> d.id()).toList()) + ", file:/path";
  }

  private static String encode64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
