package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The production L1's ticker: {@code System.nanoTime()} as one daemon thread last read it, so that
 * a hit of a Caffeine cache with {@code expireAfterWrite} reads one volatile field instead of the
 * OS clock (a {@code System.nanoTime()} call costs about as much as the rest of the hit).
 *
 * <p>One daemon per JVM, however many runtimes: each runtime on the system clock takes a
 * {@linkplain #holder hold} on it when it builds its first cache that expires, and gives it back
 * on close; the daemon runs while any runtime holds it. Without a holder a read falls back to
 * {@code System.nanoTime()}, so a cache that outlives its runtime still expires correctly.
 *
 * <p>An idle process pays nothing for it: after {@value #TICKS_BEFORE_PAUSE} periods the daemon
 * pauses and parks until a read wakes it (reads meanwhile ask the OS, and the first one unparks
 * the daemon). Under steady reads that is one pause per {@value #TICKS_BEFORE_PAUSE} periods,
 * ended by the next read, whose callers read the OS clock for the few microseconds it lasts.
 *
 * <p>Precision: a reading lags the true {@code System.nanoTime()} by at most one period
 * ({@value #PERIOD_MILLIS} ms) plus however late the OS wakes the daemon (tens of microseconds on
 * an idle machine, milliseconds on a starved one), and never runs ahead of it. An entry written at
 * one reading and judged at another therefore expires within that lag of its ttl, either side.
 */
final class CoarseTicker implements Ticker {
  /** How often the daemon advances the time. */
  static final long PERIOD_MILLIS = 1;
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
  /** How many times the daemon advances the time before it pauses until the next read. */
  static final int TICKS_BEFORE_PAUSE = 100;
  /** {@link #now}'s value while no daemon runs: reads then ask the OS. */
  private static final long STOPPED = Long.MIN_VALUE;
  /** {@link #now}'s value while the daemon waits for a read: reads ask the OS and wake it. */
  private static final long PAUSED = Long.MIN_VALUE + 1;
  private static final CoarseTicker INSTANCE = new CoarseTicker();

  private volatile long now = STOPPED;
  /**
   * {@code System.currentTimeMillis()} as the daemon last read it, just before it wrote
   * {@link #now}: valid while {@link #now} is.
   */
  private volatile long millis;
  /** The running daemon's thread, for a read to wake; null when none runs. */
  private volatile @Nullable Thread ticking;
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock();
  private int holders; // guarded by lock
  private @Nullable Daemon daemon; // guarded by lock

  /** A ticker of its own, for tests; production shares {@link #shared()}. */
  CoarseTicker() {}

  /** {@return the JVM's one coarse ticker} */
  static CoarseTicker shared() {
    return INSTANCE;
  }

  @Override
  public long read() {
    long time = now;
    if (time > PAUSED) {
      return time;
    }
    if (time == PAUSED) {
      wake();
    }
    return System.nanoTime();
  }

  /**
   * {@return {@code System.currentTimeMillis()} as the daemon last read it, with the precision of
   * {@link #read()}; the OS's while no daemon runs} What judges timed L1 entries (refresh-after,
   * stale-if-error, promoted and jittered values) on the hit path, where a clock call would cost
   * as much as the rest of the hit.
   */
  long epochMillis() {
    long time = now; // first: the daemon writes millis before now, so this millis is as new
    if (time > PAUSED) {
      return millis;
    }
    if (time == PAUSED) {
      wake();
    }
    return System.currentTimeMillis();
  }

  /**
   * {@return the clock that judges timed L1 entries: for the system clock, its coarse reading
   * ({@link #epochMillis()}); any other clock (a test's) itself}
   *
   * @param clock the runtime's clock
   */
  InstantSource judging(InstantSource clock) {
    return CaffeineBuilders.isSystemClock(clock) ? new Coarse(this) : clock;
  }

  /** The system clock, read at the ticker's precision. */
  private record Coarse(CoarseTicker ticker) implements InstantSource {
    @Override
    public long millis() {
      return ticker.epochMillis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }

  private void wake() {
    Thread thread = ticking;
    if (thread != null && !wakeRequested.get() && wakeRequested.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * {@return a runtime's hold on the daemon, taken at its first {@link Holder#use()}} With a
   * clock other than the system's (a test's {@code ManualClock}), the holder never takes it.
   *
   * @param clock the runtime's clock
   */
  Holder holder(InstantSource clock) {
    return new Holder(this, CaffeineBuilders.isSystemClock(clock));
  }

  /** Whether the daemon runs; for tests. */
  boolean running() {
    lock.lock();
    try {
      return daemon != null;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the daemon waits for a read; for tests. */
  boolean paused() {
    return now == PAUSED;
  }

  /** How many runtimes hold the daemon; for tests. */
  int holders() {
    lock.lock();
    try {
      return holders;
    } finally {
      lock.unlock();
    }
  }

  private void hold() {
    lock.lock();
    try {
      if (holders++ == 0) {
        millis = System.currentTimeMillis();
        now = System.nanoTime();
        daemon = new Daemon();
        ticking = daemon.thread;
        daemon.thread.start();
      }
    } finally {
      lock.unlock();
    }
  }

  private void letGo() {
    lock.lock();
    try {
      if (--holders == 0 && daemon != null) {
        daemon.stop();
        daemon = null;
        ticking = null;
        now = STOPPED; // after the daemon's last write: it has ended
      }
    } finally {
      lock.unlock();
    }
  }

  /** One runtime's hold on the daemon: taken at most once, given back at most once. */
  static final class Holder {
    private final CoarseTicker ticker;
    private final boolean production;
    private boolean holding; // guarded by the ticker's lock
    private boolean closed; // guarded by the ticker's lock

    private Holder(CoarseTicker ticker, boolean production) {
      this.ticker = ticker;
      this.production = production;
    }

    /** Starts the daemon if it does not run, unless this holder is closed or not production's. */
    void use() {
      if (!production) {
        return;
      }
      ticker.lock.lock();
      try {
        if (!holding && !closed) {
          holding = true;
          ticker.hold();
        }
      } finally {
        ticker.lock.unlock();
      }
    }

    /** Gives the hold back, stopping the daemon if no other holder has it; idempotent. */
    void close() {
      ticker.lock.lock();
      try {
        closed = true;
        if (holding) {
          holding = false;
          ticker.letGo();
        }
      } finally {
        ticker.lock.unlock();
      }
    }
  }

  /** The thread that advances {@link #now}, until stopped. */
  private final class Daemon implements Runnable {
    /**
     * Started by whichever thread builds the first expiring cache, perhaps a request's: it takes
     * none of that thread's inheritable thread-locals or context class loader, which it would keep
     * reachable for as long as it runs.
     */
    final Thread thread = Thread.ofPlatform().daemon().name("tiered-coarse-ticker")
        .inheritInheritableThreadLocals(false).unstarted(this);

    Daemon() {
      thread.setContextClassLoader(null);
    }
    private volatile boolean stopped;

    @Override
    public void run() {
      int ticks = 0;
      while (!stopped) {
        LockSupport.parkNanos(PERIOD_NANOS);
        if (++ticks < TICKS_BEFORE_PAUSE) {
          millis = System.currentTimeMillis();
          now = System.nanoTime();
        } else {
          ticks = 0;
          pauseUntilRead();
        }
      }
    }

    /** Lets reads ask the OS until one of them wakes this thread (or it is stopped). */
    private void pauseUntilRead() {
      wakeRequested.set(false);
      now = PAUSED;
      while (!wakeRequested.get() && !stopped) {
        LockSupport.park(this);
      }
      millis = System.currentTimeMillis();
      now = System.nanoTime();
    }

    /** Ends the thread and waits for it, so that it writes {@link #now} no more. */
    void stop() {
      stopped = true;
      LockSupport.unpark(thread);
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
