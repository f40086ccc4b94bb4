package io.quamtx.core.assess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 lengths for the permutation tests' compression statistic. The system's libbz2 (through JNA)
 * is the same code NIST's tool calls, so it reproduces the tool's figure byte for byte. The
 * pure-Java encoder of commons-compress, used when libbz2 or JNA is missing, writes a valid stream
 * of slightly different length (its Huffman table choices differ from libbz2's): it still ranks
 * shuffles consistently, so the verdict keeps its meaning, but the number will not equal the
 * tool's.
 */
final class Bzip2 {
  private static final boolean NATIVE = nativeAvailable();

  private Bzip2() {}

  /** Whether lengths come from the system's libbz2 and so match the reference tool. */
  static boolean isNative() {
    return NATIVE;
  }

  /** The compressed length of {@code data} at block size 5 and the default work factor. */
  static int length(byte[] data) {
    return NATIVE ? NativeBzip2.length(data) : javaLength(data);
  }

  private static boolean nativeAvailable() {
    try {
      return NativeBzip2.available();
    } catch (LinkageError e) {
      return false;
    }
  }

  private static int javaLength(byte[] data) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream(data.length / 2);
    try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(sink, 5)) {
      bz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.size();
  }
}
