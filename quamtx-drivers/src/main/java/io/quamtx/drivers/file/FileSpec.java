package io.quamtx.drivers.file;

import io.quamtx.core.SourceClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A parsed {@code file:} source spec: {@code file:/path[?h=BITS][&bits=WIDTH][&class=LABEL]}.
 *
 * <p>{@code h} is the claimed min-entropy per sample (default {@value #DEFAULT_MIN_ENTROPY}, low on
 * purpose: a file's content is unknown until assessed); {@code bits} the sample width, 1 to 8 (one
 * sample per byte, default 8); {@code class} the output class. Without {@code class}, a character
 * device or FIFO is {@code hardware} and a regular file, being a replay, {@code fallback}.
 *
 * @param path the file, device node or FIFO
 * @param sampleBits 1 to 8
 * @param minEntropy bits per sample, in (0, sampleBits]
 * @param sourceClass the class of what it produces
 */
public record FileSpec(Path path, int sampleBits, double minEntropy, SourceClass sourceClass) {
  /** The prefix this spec form starts with. */
  public static final String SCHEME = "file:";

  /** Claimed bits per sample when the spec has no {@code h}. */
  public static final double DEFAULT_MIN_ENTROPY = 1.0;

  public FileSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sourceClass, "sourceClass");
    if (sampleBits < 1 || sampleBits > 8) {
      throw new IllegalArgumentException("file source bits=" + sampleBits + "; must be 1..8");
    }
    if (!(minEntropy > 0 && minEntropy <= sampleBits)) {
      throw new IllegalArgumentException(
          "file source h=" + minEntropy + "; must be in (0, " + sampleBits + "]");
    }
  }

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException naming the spec and the part that is wrong
   */
  public static FileSpec parse(String spec) {
    if (!spec.startsWith(SCHEME) || spec.length() == SCHEME.length()) {
      throw new IllegalArgumentException("'" + spec + "' is not file:/path[?h=..&bits=..]");
    }
    String rest = spec.substring(SCHEME.length());
    int q = rest.indexOf('?');
    Path path = Path.of(q < 0 ? rest : rest.substring(0, q));
    Options o = new Options();
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        o.set(spec, pair);
      }
    }
    SourceClass cls = o.sourceClass != null ? o.sourceClass : defaultClass(path);
    return new FileSpec(path, o.bits, o.minEntropy, cls);
  }

  private static SourceClass defaultClass(Path path) {
    return Files.isRegularFile(path) ? SourceClass.FALLBACK : SourceClass.HARDWARE;
  }

  /** The options of a spec while it is parsed. */
  private static final class Options {
    int bits = 8;
    double minEntropy = DEFAULT_MIN_ENTROPY;
    SourceClass sourceClass;

    void set(String spec, String pair) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        switch (key) {
          case "h" -> minEntropy = Double.parseDouble(value);
          case "bits" -> bits = Integer.parseInt(value);
          case "class" -> sourceClass = SourceClass.fromLabel(value);
          default -> throw new IllegalArgumentException("unknown option '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "bad option '" + pair + "' in '" + spec + "': " + e.getMessage(), e);
      }
    }
  }
}
