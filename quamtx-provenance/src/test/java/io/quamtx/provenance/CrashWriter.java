package io.quamtx.provenance;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A writer process for the crash tests: opens the log, appends from several threads and prints
 * every receipt ("R id chain_hash") the moment append returns, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    LogOptions options =
        LogOptions.builder()
            .drawDurability(Durability.BATCHED)
            .reseedDurability(Durability.ASYNC)
            .checkpointEveryRecords(50)
            .build();
    PrintStream out = System.out;
    ProvenanceLog log = ProvenanceLog.open(home, options);
    out.println("READY " + ProcessHandle.current().pid());
    out.flush();
    for (int t = 0; t < threads; t++) {
      int n = t;
      new Thread(() -> appendForever(log, out, n)).start();
    }
  }

  private static void appendForever(ProvenanceLog log, PrintStream out, int thread) {
    try {
      for (int i = 0; ; i++) {
        DrawEvent e =
            i % 5 == 4
                ? new DrawEvent(
                    "reseed", "crash:" + thread, "conditioned", 48, 0.9, "b", "pass", null)
                : ProvenanceLogTest.draw(1 + i % 64);
        Receipt r = log.append(e);
        if ("draw".equals(e.type())) {
          synchronized (out) {
            out.println("R " + r.provenanceId() + " " + r.record().get("chain_hash"));
            out.flush();
          }
        }
      }
    } catch (ProvenanceException e) {
      System.err.println("append failed: " + e.getMessage());
    }
  }
}
