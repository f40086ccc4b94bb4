package io.quamtx.drivers.serial;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.quamtx.drivers.internal.Tty;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plays a USB serial generator on the master side of a pseudo-terminal pair. It watches the slave's
 * termios (speed and raw mode, which the master sees), reads the commands the driver writes,
 * streams data in randomly sized pieces once its start condition holds, and can be unplugged by
 * closing the master.
 */
final class FakeUsbSerial implements AutoCloseable {
  /** The libc calls a pseudo-terminal needs, with their C names. */
  interface Pty extends Library {
    Pty INSTANCE = Native.load("c", Pty.class);

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buf, long len);

    int open(String path, int flags) throws LastErrorException;

    int close(int fd);

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, Pointer buf, long count) throws LastErrorException;

    int tcgetattr(int fd, Pointer termios) throws LastErrorException;

    int cfgetospeed(Pointer termios);
  }

  private static final int O_RDWR = 2;
  private static final int O_NOCTTY = 0400;
  private static final int O_NONBLOCK = 04000;
  private static final int ECHO = 0x8;
  private static final int ICANON = 0x2;

  private final int master;
  private final int slaveHold;
  private final Path slave;
  private final Thread thread;
  private final List<Integer> speeds = new ArrayList<>();
  private final StringBuilder commands = new StringBuilder();
  private final Random split = new Random(42);
  private volatile byte[] stream = new byte[0];
  private volatile String startCommand;
  private volatile boolean running = true;
  private volatile boolean unplugged;
  private volatile boolean rawSeen;
  private int sent;

  FakeUsbSerial() {
    master = Pty.INSTANCE.posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    Pty.INSTANCE.grantpt(master);
    Pty.INSTANCE.unlockpt(master);
    byte[] name = new byte[128];
    if (Pty.INSTANCE.ptsname_r(master, name, name.length) != 0) {
      throw new IllegalStateException("ptsname_r failed");
    }
    slave = Path.of(Native.toString(name));
    // Held open so the line does not hang up between the driver's knock steps.
    slaveHold = Pty.INSTANCE.open(slave.toString(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    thread = new Thread(this::run, "fake-usb-serial");
    thread.setDaemon(true);
    thread.start();
  }

  /** The slave port the driver opens. */
  Path port() {
    return slave;
  }

  /** Streams {@code data} once the line is raw, or once {@code command} was received. */
  void stream(byte[] data, String command) {
    startCommand = command;
    stream = data.clone();
  }

  synchronized List<Integer> speeds() {
    return List.copyOf(speeds);
  }

  synchronized String commands() {
    return commands.toString();
  }

  /** Bytes written to the line so far. */
  synchronized int sent() {
    return sent;
  }

  /** Closes the master: the driver sees the device vanish. */
  void unplug() throws InterruptedException {
    running = false;
    thread.join(2000);
    unplugged = true;
    Pty.INSTANCE.close(master);
  }

  @Override
  public void close() throws InterruptedException {
    if (!unplugged) {
      unplug();
    }
    Pty.INSTANCE.close(slaveHold);
  }

  private void run() {
    try (Memory termios = new Memory(64)) {
      while (running) {
        watch(termios);
        readCommands();
        if (started()) {
          sendSome();
        }
        sleepMillis(1);
      }
    }
  }

  private synchronized void watch(Memory termios) {
    Pty.INSTANCE.tcgetattr(master, termios);
    int baud = Tty.baudOf(Pty.INSTANCE.cfgetospeed(termios));
    if (speeds.isEmpty() || speeds.get(speeds.size() - 1) != baud) {
      speeds.add(baud);
    }
    rawSeen |= (termios.getInt(12) & (ECHO | ICANON)) == 0;
  }

  private void readCommands() {
    byte[] buf = new byte[256];
    try {
      long n = Pty.INSTANCE.read(master, buf, buf.length);
      synchronized (this) {
        commands.append(new String(buf, 0, (int) n, StandardCharsets.US_ASCII));
      }
    } catch (LastErrorException e) {
      // EAGAIN: nothing written; EIO: no slave open right now.
    }
  }

  private synchronized boolean started() {
    String cmd = startCommand;
    if (cmd == null) {
      return rawSeen;
    }
    int at = commands.indexOf(cmd);
    return at >= 0 && commands.indexOf("cmdo", at) < 0;
  }

  private void sendSome() {
    byte[] data = stream;
    int from;
    synchronized (this) {
      from = sent;
    }
    if (from >= data.length) {
      return;
    }
    int piece = Math.min(data.length - from, 1 + split.nextInt(700));
    try (Memory m = new Memory(piece)) {
      m.write(0, data, from, piece);
      long n = Pty.INSTANCE.write(master, m, piece);
      synchronized (this) {
        sent += (int) n;
      }
    } catch (LastErrorException e) {
      // EAGAIN: the line is full until the driver reads.
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
