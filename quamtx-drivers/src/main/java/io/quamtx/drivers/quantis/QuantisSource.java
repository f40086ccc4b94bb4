package io.quamtx.drivers.quantis;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.quamtx.core.EntropySource;
import io.quamtx.core.SourceClass;
import io.quamtx.core.SourceUnavailableException;
import io.quamtx.core.SourceUnavailableException.Reason;
import io.quamtx.drivers.internal.QuantisError;
import io.quamtx.drivers.internal.QuantisLibrary;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An ID Quantique Quantis device through the vendor library.
 *
 * <p>The vendor's own Java wrapper serialises every call, which suggests the library is not
 * thread-safe; every call here holds one lock per library. Reads go to the device in pieces of at
 * most {@value #MAX_CHUNK} bytes (as the vendor wrapper does), so a read overruns its deadline by
 * at most one piece; the library has no deadline of its own. {@link #close()} never waits for a
 * piece in progress: it marks the source closed, and the handle is closed by whichever of the
 * closing thread and the reader is last to leave the library.
 *
 * <p>At open, the module status must show at least one functional module.
 */
public final class QuantisSource implements EntropySource {
  static final int MAX_CHUNK = 4096;
  private static final ReentrantLock LIBRARY_LOCK = new ReentrantLock();

  private final QuantisLibrary lib;
  private final QuantisSpec spec;
  private final Pointer handle;
  private final Map<String, String> details;
  private final Memory buffer = new Memory(MAX_CHUNK);
  private volatile boolean closed;
  private boolean released;

  private QuantisSource(
      QuantisLibrary lib, QuantisSpec spec, Pointer handle, Map<String, String> details) {
    this.lib = lib;
    this.spec = spec;
    this.handle = handle;
    this.details = details;
  }

  static QuantisSource open(QuantisLibrary lib, QuantisSpec spec)
      throws SourceUnavailableException {
    LIBRARY_LOCK.lock();
    try {
      int type = spec.deviceType();
      int number = spec.deviceNumber();
      int mask = lib.QuantisGetModulesMask(type, number);
      int status = lib.QuantisGetModulesStatus(type, number);
      check(spec, "QuantisGetModulesMask", mask);
      check(spec, "QuantisGetModulesStatus", status);
      if ((status & mask) == 0) {
        throw new SourceUnavailableException(
            Reason.FAULT,
            String.format("%s: no functional module (mask 0x%x, status 0x%x)", spec, mask, status));
      }
      PointerByReference ref = new PointerByReference();
      check(spec, "QuantisOpen", lib.QuantisOpen(type, number, ref));
      Map<String, String> details =
          Map.of(
              "device", spec.toString(),
              "serial", String.valueOf(lib.QuantisGetSerialNumber(type, number)),
              "modules_mask", Integer.toHexString(mask),
              "modules_status", Integer.toHexString(status));
      return new QuantisSource(lib, spec, ref.getValue(), details);
    } finally {
      LIBRARY_LOCK.unlock();
    }
  }

  private static void check(QuantisSpec spec, String call, int rc)
      throws SourceUnavailableException {
    if (rc < 0) {
      QuantisError error = QuantisError.of(rc);
      throw new SourceUnavailableException(
          error.reason(), spec + ": " + call + " returned " + QuantisError.describe(rc));
    }
  }

  @Override
  public String id() {
    return "quantis";
  }

  @Override
  public SourceClass sourceClass() {
    return SourceClass.HARDWARE;
  }

  @Override
  public int sampleBits() {
    return 8;
  }

  @Override
  public double claimedMinEntropy() {
    return spec.minEntropy();
  }

  @Override
  public String minEntropyBasis() {
    return spec.minEntropy() == QuantisSpec.DEFAULT_MIN_ENTROPY ? "default, unassessed" : "config";
  }

  /** The device, its serial number and its module mask and status at open. */
  @Override
  public Map<String, String> details() {
    return details;
  }

  /**
   * Reads at most {@value #MAX_CHUNK} bytes in one library call.
   *
   * @throws SourceUnavailableException GONE (device unplugged, I/O error), FAULT (no module, module
   *     status error), CLOSED, TIMED_OUT when the deadline passed before the call
   */
  @Override
  public int read(byte[] buf, int off, int len, Duration deadline)
      throws SourceUnavailableException {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (deadline.isNegative() || deadline.isZero()) {
      throw new SourceUnavailableException(Reason.TIMED_OUT, spec + ": deadline already passed");
    }
    LIBRARY_LOCK.lock();
    try {
      ensureOpen();
      int rc = lib.QuantisReadHandled(handle, buffer, Math.min(len, MAX_CHUNK));
      check(spec, "QuantisReadHandled", rc);
      if (rc == 0) {
        throw new SourceUnavailableException(Reason.GONE, spec + ": the library returned 0 bytes");
      }
      buffer.read(0, buf, off, rc);
      return rc;
    } finally {
      releaseIfClosed();
      LIBRARY_LOCK.unlock();
    }
  }

  private void ensureOpen() throws SourceUnavailableException {
    if (closed) {
      throw new SourceUnavailableException(Reason.CLOSED, spec + ": closed");
    }
  }

  private void releaseIfClosed() {
    if (closed && !released) {
      released = true;
      lib.QuantisClose(handle);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (LIBRARY_LOCK.tryLock()) {
      try {
        releaseIfClosed();
      } finally {
        LIBRARY_LOCK.unlock();
      }
    }
  }
}
