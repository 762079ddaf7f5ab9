package io.tiered.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>It ticks only while reads come often enough for ticking to pay: its wake-up each period costs
 * the CPU of many OS clock reads (on the build machine about 28 µs, against 20-40 ns a read), and on
 * a small machine a thread that wakes a thousand times a second also disturbs where the scheduler
 * puts the service's own threads. Every {@value #TICKS_BEFORE_SAMPLE} periods it samples the rate:
 * reads meanwhile ask the OS and are counted, and {@value #HOT_READS_PER_PERIOD} of them within a
 * period end the sample and ticking goes on (a hot cache's reads pay the OS clock for a few
 * microseconds every {@value #TICKS_BEFORE_SAMPLE} ms). Fewer, and it samples again over
 * {@value #SLOW_SAMPLE_PERIODS} periods, for as long as reads stay that rare (a service whose L1
 * is read a few thousand times a second, an L2-bound one, pays the OS clock per read and ten
 * wake-ups a second); none in a sample, and it parks until a read wakes it, so that an idle
 * process pays nothing.
 *
 * <p>Precision: a reading lags the true {@code System.nanoTime()} by at most one period
 * ({@value #PERIOD_MILLIS} ms) plus however late the OS wakes the daemon (tens of microseconds on
 * an idle machine, milliseconds on a starved one), and never runs ahead of it; while the daemon
 * does not tick, a reading is the OS's. An entry written at one reading and judged at another
 * therefore expires within that lag of its ttl, either side.
 */
final class CoarseTicker implements Ticker {
  /** How often the daemon advances the time while it ticks. */
  static final long PERIOD_MILLIS = 1;
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
  /** How many times the daemon advances the time before it samples the read rate again. */
  static final int TICKS_BEFORE_SAMPLE = 100;
  /** Reads per period from which ticking pays for its wake-ups. */
  static final int HOT_READS_PER_PERIOD = 100;
  /** How many periods a sample lasts once one found reads rare, until they come often again. */
  static final int SLOW_SAMPLE_PERIODS = 100;
  /** {@link #now}'s value while no daemon runs: reads then ask the OS. */
  private static final long STOPPED = Long.MIN_VALUE;
  /** {@link #now}'s value while the daemon waits for a read: reads ask the OS and wake it. */
  private static final long IDLE = Long.MIN_VALUE + 1;
  /** {@link #now}'s value while the daemon samples the read rate: reads ask the OS, counted. */
  private static final long SAMPLING = Long.MIN_VALUE + 2;
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
  /** The reads counted in the current sample. */
  private final AtomicLong sampledReads = new AtomicLong();
  /** How many reads end the current sample as hot: the reader that counts the last wakes it. */
  private volatile long hotReads = Long.MAX_VALUE;
  /** How many samples the daemon began; written by the daemon only, read by tests. */
  private volatile long samples;
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
    if (time > SAMPLING) {
      return time;
    }
    noteOsRead(time);
    return System.nanoTime();
  }

  /**
   * {@return {@code System.currentTimeMillis()} as the daemon last read it, with the precision of
   * {@link #read()}; the OS's while no daemon ticks} What judges timed L1 entries (refresh-after,
   * stale-if-error, promoted and jittered values) on the hit path, where a clock call would cost
   * as much as the rest of the hit.
   */
  long epochMillis() {
    long time = now; // first: the daemon writes millis before now, so this millis is as new
    if (time > SAMPLING) {
      return millis;
    }
    noteOsRead(time);
    return System.currentTimeMillis();
  }

  /** A read about to ask the OS, while the daemon is in {@code state}: counted, or waking it. */
  private void noteOsRead(long state) {
    if (state == SAMPLING) {
      if (sampledReads.incrementAndGet() == hotReads) {
        unparkDaemon(); // hot: the sample need not last its whole window
      }
    } else if (state == IDLE) {
      wake();
    }
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
    if (!wakeRequested.get() && wakeRequested.compareAndSet(false, true)) {
      unparkDaemon();
    }
  }

  private void unparkDaemon() {
    Thread thread = ticking;
    if (thread != null) {
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
    return now == IDLE;
  }

  /** How many samples of the read rate the daemon began; for tests. */
  long samples() {
    return samples;
  }

  /** Whether the daemon advances the time, reads taking its; for tests. */
  boolean ticking() {
    return now > SAMPLING;
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
      while (!stopped) {
        for (int ticks = 0; ticks < TICKS_BEFORE_SAMPLE && !stopped; ticks++) {
          LockSupport.parkNanos(PERIOD_NANOS);
          advance();
        }
        waitUntilReadsAreHot();
      }
    }

    /**
     * Lets reads ask the OS, counting them, until {@value #HOT_READS_PER_PERIOD} a period come
     * (or it is stopped), then ticks again. The first sample lasts one period, so that a hot
     * cache's reads are back on the daemon's time at once; later ones, while reads stay rare,
     * {@value #SLOW_SAMPLE_PERIODS}. A sample without a read parks the daemon until one wakes it.
     */
    private void waitUntilReadsAreHot() {
      int periods = 1;
      while (!stopped) {
        long hot = (long) HOT_READS_PER_PERIOD * periods;
        hotReads = hot;
        sampledReads.set(0);
        now = SAMPLING; // last: a read that sees it sees this sample's count and bound
        samples++; // only this thread writes it
        long deadline = System.nanoTime() + periods * PERIOD_NANOS;
        for (long left = periods * PERIOD_NANOS; left > 0 && !stopped
            && sampledReads.get() < hot; left = deadline - System.nanoTime()) {
          LockSupport.parkNanos(left);
        }
        long reads = sampledReads.get();
        if (reads >= hot) {
          advance();
          return;
        }
        if (reads == 0) {
          pauseUntilRead();
          periods = 1;
        } else {
          periods = SLOW_SAMPLE_PERIODS;
        }
      }
    }

    /** Lets reads ask the OS until one of them wakes this thread (or it is stopped). */
    private void pauseUntilRead() {
      wakeRequested.set(false);
      now = IDLE;
      while (!wakeRequested.get() && !stopped) {
        LockSupport.park(this);
      }
    }

    private void advance() {
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
