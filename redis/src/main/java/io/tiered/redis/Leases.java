package io.tiered.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Cross-instance single flight for the keys of one cache, after the leases of Facebook's memcache
 * (NSDI 2013, 3.2.1). An instance that misses a key takes a lease on it; only the holder calls its
 * origin, and its value lands only while it still holds the lease.
 *
 * <p>The lease lives in the value's own Redis key, as a marker no codec writes
 * ({@link LeaseMarkers}): {@code SET key marker NX PX leaseTime GET} reads the value and takes the
 * lease in one command (so a hit costs what a {@code GET} costs, on a cluster too: one key, one
 * slot). An invalidate's {@code UNLINK} removes value and lease at once, so a fill that began
 * before it finds its marker gone and lands nowhere. Other instances poll the key with jittered,
 * growing pauses ({@link Backoff}; no subscription per key), and take the value, or the lease when
 * it is gone, or give up after {@code maxWait} and load themselves. A holder that dies leaves a
 * lease that expires after {@code leaseTime}.
 *
 * <p>A key whose value is past its ttl but kept for stale-if-error is not empty, so its lease is
 * taken over the stale value instead ({@link #leaseOver}): the lease carries that value, and a
 * holder whose load fails puts it back, so the fleet still has it to serve while the origin is
 * down.
 *
 * <p>A waiter that gives up adopts the lease it waited on: its value lands only while the key
 * still holds that lease, as the holder's would. So it fills for a holder that is slow or dead,
 * and an invalidate that removed the lease meanwhile keeps its older value out, as it keeps the
 * holder's.
 *
 * <p>The lease this instance took or adopted is kept ({@link HeldLeases}) for the load that read,
 * not for its key, until that load writes the key ({@link #takeHeld}) or gives up
 * ({@link #abandon}). Two loads of one key can overlap on one instance (an invalidate drops the
 * first, and the next read starts another): each fills under, and gives up, only its own lease.
 *
 * <p>The keys of a bulk load are read with one {@code MGET}, those it misses leased as one key is,
 * in pipelines (see {@code BulkLeases}), and filled and given up here, in pipelines too.
 */
final class Leases {
  private final long maxWaitNanos;
  private final long leaseMillis;
  private final LeaseMarkers markers;
  /** {@code NX PX leaseTime}: shared by every read, for Lettuce only reads it. */
  private final SetArgs ifAbsent;
  /** By load: see {@link io.tiered.runtime.CacheTier#getForLoad}. */
  private final HeldLeases held = new HeldLeases();

  /**
   * @param maxWait how long a miss waits for another instance's fill before loading itself
   * @param leaseTime how long a lease outlives a holder that never fills it
   * @param owner this factory's instance id, part of every token
   * @param tokens numbers the tokens; shared by every tier of the factory, for two runtimes on one
   *     factory have a tier each for one cache, and their tokens must differ (one's fill must not
   *     land under the other's lease)
   */
  Leases(Duration maxWait, Duration leaseTime, String owner, AtomicLong tokens) {
    this.maxWaitNanos = maxWait.toNanos();
    this.leaseMillis = leaseTime.toMillis();
    this.markers = new LeaseMarkers(owner, tokens);
    this.ifAbsent = SetArgs.Builder.nx().px(leaseMillis);
  }

  /**
   * What {@link #readOrLease} found: the value stored, or the stale value carried by the lease
   * this instance now fills under (adopted from a holder it stopped waiting for); no value when
   * there is none to serve.
   */
  record Read(byte @Nullable [] value, boolean underLease) {
    private static final Read NOTHING = new Read(null, true);
  }

  /**
   * Reads {@code redisKey} for {@code load}, taking its lease when it holds nothing and waiting
   * while another instance holds it. Returns the stored value; or, under a lease kept for
   * {@code load}: the one this instance took (and loads), or the one it waited {@code maxWait} on
   * in vain (and loads anyway, under it), with the stale value that lease carries, if any, for
   * stale-if-error to serve.
   */
  Read readOrLease(TimedCommands redis, String redisKey, Object load) {
    Backoff backoff = null; // a hit never waits: the wait starts at the first lease found
    while (true) {
      byte[] marker = markers.next();
      byte[] stored = redis.run("SET NX GET", redisKey,
          commands -> commands.setGet(redisKey, marker, ifAbsent));
      Read read = readOrLeased(load, redisKey, marker, stored);
      if (read != null) {
        return read;
      }
      if (backoff == null) {
        backoff = newWait();
      }
      if (!backoff.pause()) {
        return adopt(load, redisKey, stored);
      }
    }
  }

  /**
   * What a {@code SET NX PX GET} of {@code marker} found in {@code redisKey}: the key was empty,
   * and {@code load} now holds the lease; or it held a value. Null when it held another instance's
   * lease.
   */
  @Nullable Read readOrLeased(Object load, String redisKey, byte[] marker,
      byte @Nullable [] stored) {
    if (stored == null) {
      held.hold(load, new Lease(redisKey, marker, leaseEndNanos(), true, null, 0));
      return Read.NOTHING;
    }
    return LeaseMarkers.isLease(stored) ? null : new Read(stored, false);
  }

  /**
   * Adopts {@code othersLease}, which {@code redisKey} held when this instance stopped waiting:
   * {@code load} fills under the lease it waited on. The read carries the lease's stale value.
   */
  Read adopt(Object load, String redisKey, byte[] othersLease) {
    held.hold(load, new Lease(redisKey, othersLease, leaseEndNanos(), false, null, 0));
    return new Read(LeaseMarkers.carried(othersLease), true);
  }

  /** A new wait of at most {@code maxWait}. */
  Backoff newWait() {
    return new Backoff(maxWaitNanos);
  }

  /** {@code SET} arguments that take a free key's lease. */
  SetArgs ifAbsent() {
    return ifAbsent;
  }

  /** A marker for a new lease. */
  byte[] newMarker() {
    return markers.next();
  }

  /**
   * Takes the lease on {@code redisKey} for {@code load}; the key holds {@code stale}, a value
   * past its ttl that Redis keeps {@code staleMillis} more for stale-if-error. False when the key
   * changed since it was read (another instance's lease or value).
   */
  boolean leaseOver(TimedCommands redis, String redisKey, byte[] stale, long staleMillis,
      Object load) {
    byte[] lease = markers.nextCarrying(stale);
    if (!replace(redis, redisKey, stale, lease, Math.min(leaseMillis, staleMillis))) {
      return false;
    }
    long now = System.nanoTime();
    held.hold(load, new Lease(redisKey, lease, leaseEndNanos(), true, stale,
        now + TimeUnit.MILLISECONDS.toNanos(staleMillis)));
    return true;
  }

  /**
   * Takes the lease on {@code redisKey} for {@code load} over {@code unserved}, a value no
   * instance may serve (stamped with a tag token since replaced, see {@link KeyTokens}): one
   * instance of the fleet refills the key, instead of every one calling its origin until the value
   * expires. The lease carries nothing, and is deleted if given up. False when the key changed
   * since it was read.
   */
  boolean leaseOverUnserved(TimedCommands redis, String redisKey, byte[] unserved, Object load) {
    byte[] lease = markers.next();
    if (!replace(redis, redisKey, unserved, lease, leaseMillis)) {
      return false;
    }
    held.hold(load, new Lease(redisKey, lease, leaseEndNanos(), true, null, 0));
    return true;
  }

  /** Sets {@code redisKey} to {@code lease} if it still holds {@code read}; whether it did. */
  private static boolean replace(TimedCommands redis, String redisKey, byte[] read, byte[] lease,
      long pxMillis) {
    Long taken = redis.run("LEASE", redisKey,
        commands -> Scripts.leaseIfUnchanged(commands, redisKey, read, lease, pxMillis));
    return Scripts.done(taken);
  }

  /**
   * Takes the lease on {@code redisKey} for {@code put}, over whatever the key holds (a value,
   * another instance's lease, nothing), which it keeps to put back should the put be cancelled
   * ({@link #abandon}). Any fill under a lease taken before fails from now on, and so does this
   * put's if another write removes or replaces its lease before it fills: an UNLINK, another put.
   * A read meanwhile waits for the put's value, as for a load's.
   */
  void leaseForPut(TimedCommands redis, String redisKey, Object put) {
    byte[] marker = markers.next();
    List<Object> held = redis.run("LEASE", redisKey,
        commands -> Scripts.leaseOverAny(commands, redisKey, marker, leaseMillis));
    byte[] previous = held.isEmpty() ? null : (byte[]) held.get(0);
    long ttlMillis = previous == null ? 0 : (Long) held.get(1);
    this.held.hold(put, new Lease(redisKey, marker, leaseEndNanos(), true, previous,
        ttlMillis < 0
            ? Lease.KEPT_FOREVER
            : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis)));
  }

  /**
   * The lease {@code load} took or adopted on {@code redisKey}, forgotten here; or null when it
   * holds none (never took one, or already wrote or gave it up).
   */
  @Nullable Lease takeHeld(Object load, String redisKey) {
    return held.take(load, redisKey);
  }

  /**
   * Writes {@code encoded} to {@code redisKey} if it still holds {@code marker}, expiring after
   * {@code pxMillis} ({@link Scripts#NO_EXPIRY}: never); returns whether it did.
   */
  boolean fill(TimedCommands redis, String redisKey, byte[] marker, byte[] encoded, long pxMillis) {
    Long filled = redis.run("FILL", redisKey,
        commands -> Scripts.fillIfHeld(commands, redisKey, marker, encoded, pxMillis));
    return Scripts.done(filled);
  }

  /**
   * As {@link #fill} for several leases, in one pipeline of scripts (one per key, so each goes to
   * its own slot on a cluster): writes {@code encoded[i]} to the key of {@code leases[i]} if it
   * still holds that lease, expiring after {@code pxMillis[i]} (0: never). Returns which it wrote.
   */
  boolean[] fillAll(TimedCommands redis, List<Lease> leases, List<byte[]> encoded,
      List<Long> pxMillis) {
    List<Long> filled = redis.run("FILL", leases.size() == 1 ? leases.get(0).redisKey()
        : leases.size() + " keys", commands -> Pipeline.each(leases.size(),
            i -> Scripts.fillIfHeld(commands, leases.get(i).redisKey(), leases.get(i).marker(),
                encoded.get(i), pxMillis.get(i))));
    boolean[] wrote = new boolean[filled.size()];
    for (int i = 0; i < wrote.length; i++) {
      wrote[i] = Scripts.done(filled.get(i));
    }
    return wrote;
  }

  /**
   * Gives {@code lease} on {@code redisKey} up, if the key still holds it, for others to take; a
   * lease taken over a stale value (or a put's, over any) puts that back for what is left of its
   * keeping. An adopted lease is left alone: its holder may still be loading, and would lose its
   * fill.
   */
  void abandon(TimedCommands redis, String redisKey, Lease lease) {
    if (lease.taken()) {
      redis.run("DEL", redisKey, commands -> giveUp(commands, lease));
    }
  }

  /** As {@link #abandon} for several leases, in one pipeline of scripts. */
  void abandonAll(TimedCommands redis, List<Lease> leases) {
    List<Lease> taken = leases.stream().filter(Lease::taken).toList();
    if (taken.isEmpty()) {
      return;
    }
    redis.run("DEL", taken.size() == 1 ? taken.get(0).redisKey() : taken.size() + " leases",
        commands -> Pipeline.each(taken.size(), i -> giveUp(commands, taken.get(i))));
  }

  /**
   * As {@link #abandonAll}, for a read that failed with {@code failure}, to which a failure to give
   * them up is added.
   */
  void abandonAllAfter(TimedCommands redis, List<Lease> leases, RuntimeException failure) {
    try {
      abandonAll(redis, leases);
    } catch (RuntimeException notGivenUp) {
      failure.addSuppressed(notGivenUp);
    }
  }

  /** The script that gives {@code lease} up: see {@link #abandon}. */
  private static CompletableFuture<Long> giveUp(RedisClusterAsyncCommands<String, byte[]> commands,
      Lease lease) {
    boolean forever = lease.staleUntilNanos() == Lease.KEPT_FOREVER;
    long staleMillis = forever
        ? Scripts.NO_EXPIRY
        : TimeUnit.NANOSECONDS.toMillis(lease.staleUntilNanos() - System.nanoTime());
    if (lease.stale() != null && (forever || staleMillis > 0)) {
      return Scripts.fillIfHeld(commands, lease.redisKey(), lease.marker(), lease.stale(),
          staleMillis);
    }
    return Scripts.deleteIfUnchanged(commands, lease.redisKey(), lease.marker());
  }

  private long leaseEndNanos() {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
  }
}
