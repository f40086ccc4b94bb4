package io.quamtx.provenance.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads waiting for their records to become durable while another thread syncs the group.
 *
 * <p>A sync wakes exactly the waiters it made durable, and hands the next sync to the lowest waiter
 * left. Waking every waiter after every sync, to elect the next leader among them, cost each
 * request several futile context switches and a fight for the monitor on a two-core machine; a
 * woken waiter learns what happened from {@link Waiter#state()} without taking the monitor.
 *
 * <p>Not thread-safe: every method except {@link Waiter#state()} is called with the caller's sync
 * monitor held.
 */
public final class SyncWaiters {
  /** Still waiting. */
  public static final int WAITING = 0;

  /** The record is durable. */
  public static final int DURABLE = 1;

  /** The waiter now leads the next sync. */
  public static final int LEAD = 2;

  /** Something failed: look at the log's state again. */
  public static final int LOOK = 3;

  private final List<Waiter> waiting = new ArrayList<>();

  /** Adds the current thread as waiting for record {@code seq}. */
  public Waiter enlist(long seq) {
    Waiter w = new Waiter(seq, Thread.currentThread());
    waiting.add(w);
    return w;
  }

  /** Removes a waiter that stops waiting on its own, for instance when interrupted. */
  public void leave(Waiter w) {
    waiting.remove(w);
  }

  /**
   * Wakes every waiter whose record is at or below {@code durableSeq}.
   *
   * @return the lowest waiter left, still parked, or null when none is left
   */
  public Waiter wakeDurable(long durableSeq) {
    Waiter next = null;
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.seq <= durableSeq) {
        it.remove();
        w.wake(DURABLE);
      } else if (next == null || w.seq < next.seq) {
        next = w;
      }
    }
    return next;
  }

  /** Removes a waiter and wakes it to lead the next sync. */
  public void handLead(Waiter w) {
    waiting.remove(w);
    w.wake(LEAD);
  }

  /** Wakes every waiter to look at the log's state again, after a failure. */
  public void wakeAll() {
    for (Waiter w : waiting) {
      w.wake(LOOK);
    }
    waiting.clear();
  }

  /** One thread waiting for one record. */
  public static final class Waiter {
    private final long seq;
    private final Thread thread;
    private volatile int state = WAITING;

    private Waiter(long seq, Thread thread) {
      this.seq = seq;
      this.thread = thread;
    }

    private void wake(int to) {
      state = to;
      LockSupport.unpark(thread);
    }

    /** {@link #WAITING}, {@link #DURABLE}, {@link #LEAD} or {@link #LOOK}; read without a lock. */
    public int state() {
      return state;
    }
  }
}
