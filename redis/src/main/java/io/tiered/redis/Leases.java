package io.tiered.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Cross-instance single flight for the keys of one cache, after the leases of Facebook's memcache
 * (NSDI 2013, 3.2.1). An instance that misses a key takes a lease on it; only the holder calls its
 * origin, and its value lands only while it still holds the lease.
 *
 * <p>The lease lives in the value's own Redis key, as a marker no codec writes: {@code SET key
 * marker NX PX leaseTime GET} reads the value and takes the lease in one command (so a hit costs
 * what a {@code GET} costs, on a cluster too: one key, one slot). An invalidate's {@code UNLINK}
 * removes value and lease at once, so a fill that began before it finds its marker gone and lands
 * nowhere. Other instances poll the key with jittered, growing pauses (no subscription per key),
 * and take the value, or the lease when it is gone, or give up after {@code maxWait} and load
 * themselves. A holder that dies leaves a lease that expires after {@code leaseTime}.
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
 */
final class Leases {
  /** What a lease's value starts with: a zero byte, which JSON (the default codec) never does. */
  private static final byte[] MARK = "\0tiered-lease:".getBytes(StandardCharsets.US_ASCII);
  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
  private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();
  /** Between a lease's token and the stale value it carries; tokens have no zero byte. */
  private static final byte SEPARATOR = 0;
  // Takes the lease over a stale value, only if the key still holds that value.
  // ARGV: the stale value, the lease, PX in ms.
  private static final String LEASE_IF_UNCHANGED = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then"
      + " return 0 end"
      + " redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])"
      + " return 1";
  // Writes the value only while the key still holds this instance's lease: the fill's one atomic
  // compare-and-set. ARGV: marker, value, PX in ms ("0": no expiry).
  private static final String FILL_IF_HELD = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then"
      + " return 0 end"
      + " if ARGV[3] == '0' then redis.call('SET', KEYS[1], ARGV[2])"
      + " else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end"
      + " return 1";

  // Takes the lease whatever the key holds, for a put about to change the source of truth; returns
  // what the key held and its PTTL (-1: no expiry), to put back should the put be cancelled.
  // ARGV: the lease, PX in ms.
  private static final String LEASE_OVER_ANY = "local held = redis.call('GET', KEYS[1])"
      + " local ttl = redis.call('PTTL', KEYS[1])"
      + " redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])"
      + " if not held then return {} end"
      + " return {held, ttl}";
  /** {@link Held#staleUntilNanos} of a value kept with no expiry. */
  private static final long KEPT_FOREVER = Long.MAX_VALUE;

  private final long maxWaitNanos;
  private final long leaseMillis;
  private final String owner;
  private final AtomicLong tokens;
  /** By load: see {@link io.tiered.runtime.CacheTier#getForLoad}. */
  private final HeldLeases held = new HeldLeases();

  /**
   * A lease this instance fills under: its key and marker, when Redis drops it at the latest, and
   * whether this instance took it (or adopted it from a holder it stopped waiting for). A lease
   * taken over a stale value also keeps that value and until when Redis may keep it.
   */
  record Held(String redisKey, byte[] marker, long expiresAtNanos, boolean taken,
      byte @Nullable [] stale, long staleUntilNanos) {}

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
    this.owner = owner;
    this.tokens = tokens;
  }

  /**
   * What {@link #readOrLease} found: the value stored, or the stale value carried by the lease
   * this instance now fills under (adopted from a holder it stopped waiting for); no value when
   * there is none to serve.
   */
  record Read(byte @Nullable [] value, boolean underLease) {
    private static final Read NOTHING = new Read(null, true);
  }

  /** Whether {@code stored} is a lease, not a value. */
  static boolean isLease(byte[] stored) {
    return stored.length >= MARK.length
        && Arrays.equals(stored, 0, MARK.length, MARK, 0, MARK.length);
  }

  /**
   * Reads {@code redisKey} for {@code load}, taking its lease when it holds nothing and waiting
   * while another instance holds it. Returns the stored value; or, under a lease kept for
   * {@code load}: the one this instance took (and loads), or the one it waited {@code maxWait} on
   * in vain (and loads anyway, under it), with the stale value that lease carries, if any, for
   * stale-if-error to serve.
   */
  Read readOrLease(TimedCommands redis, String redisKey, Object load) {
    long deadline = System.nanoTime() + maxWaitNanos;
    long pause = FIRST_PAUSE_NANOS;
    SetArgs ifAbsent = SetArgs.Builder.nx().px(leaseMillis);
    while (true) {
      byte[] marker = newMarker();
      byte[] stored = redis.run("SET NX GET", redisKey,
          commands -> commands.setGet(redisKey, marker, ifAbsent));
      if (stored == null) {
        held.hold(load, new Held(redisKey, marker, leaseEndNanos(), true, null, 0));
        return Read.NOTHING;
      }
      if (!isLease(stored)) {
        return new Read(stored, false);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !sleep(Math.min(left, jittered(pause)))) {
        held.hold(load, new Held(redisKey, stored, leaseEndNanos(), false, null, 0));
        return new Read(carried(stored), true);
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
    }
  }

  /**
   * As {@link #readOrLease} for several keys at once, each for its own load ({@code loads}, in the
   * order of {@code redisKeys}): one pipeline of {@code SET NX PX GET}, one per key (so each goes
   * to its own slot on a cluster), reads every key and takes the lease of each empty one. Keys
   * another instance holds the lease of are then polled together ({@code MGET}), with the pauses
   * of {@link #readOrLease}, taking values as they land (and the lease of a key whose lease is
   * gone, in one more pipeline) until {@code maxWait}; the leases still in place then are adopted
   * for their loads, as a single waiter adopts its own. Returns what was found for each key, in
   * the order asked.
   */
  Read[] readOrLeaseAll(TimedCommands redis, List<String> redisKeys, List<?> loads) {
    long deadline = System.nanoTime() + maxWaitNanos;
    long pause = FIRST_PAUSE_NANOS;
    Read[] reads = new Read[redisKeys.size()];
    byte[][] othersLeases = new byte[redisKeys.size()][];
    List<Integer> toLease = new ArrayList<>(redisKeys.size());
    for (int i = 0; i < reads.length; i++) {
      toLease.add(i);
    }
    List<Integer> waiting = new ArrayList<>();
    while (true) {
      if (!toLease.isEmpty()) {
        leaseAll(redis, redisKeys, loads, toLease, reads, othersLeases, waiting);
      }
      if (waiting.isEmpty()) {
        return reads;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !sleep(Math.min(left, jittered(pause)))) {
        for (int i : waiting) { // adopted: this load fills under the lease it waited on
          held.hold(loads.get(i),
              new Held(redisKeys.get(i), othersLeases[i], leaseEndNanos(), false, null, 0));
          reads[i] = new Read(carried(othersLeases[i]), true);
        }
        return reads;
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
      toLease = poll(redis, redisKeys, waiting, reads, othersLeases);
    }
  }

  /**
   * One pipeline of {@code SET NX PX GET}, for the keys at {@code indexes}: a key that was empty is
   * now leased for its load; one holding another instance's lease joins {@code waiting}.
   */
  private void leaseAll(TimedCommands redis, List<String> redisKeys, List<?> loads,
      List<Integer> indexes, Read[] reads, byte[][] othersLeases, List<Integer> waiting) {
    SetArgs ifAbsent = SetArgs.Builder.nx().px(leaseMillis);
    byte[][] markers = new byte[indexes.size()][];
    for (int n = 0; n < markers.length; n++) {
      markers[n] = newMarker();
    }
    List<byte[]> stored = redis.run("SET NX GET", indexes.size() + " keys", commands -> {
      List<CompletableFuture<byte[]>> replies = new ArrayList<>(indexes.size());
      for (int n = 0; n < markers.length; n++) {
        replies.add(commands.setGet(redisKeys.get(indexes.get(n)), markers[n], ifAbsent)
            .toCompletableFuture());
      }
      return allOf(replies);
    });
    for (int n = 0; n < markers.length; n++) {
      int i = indexes.get(n);
      byte[] value = stored.get(n);
      if (value == null) {
        held.hold(loads.get(i), new Held(redisKeys.get(i), markers[n], leaseEndNanos(), true,
            null, 0));
        reads[i] = Read.NOTHING;
      } else if (isLease(value)) {
        othersLeases[i] = value;
        waiting.add(i);
      } else {
        reads[i] = new Read(value, false);
      }
    }
  }

  /**
   * One {@code MGET} of the keys at {@code waiting}, which it leaves holding the keys still leased
   * by another instance; returns the keys found empty (their lease given up or invalidated), whose
   * lease is to be taken.
   */
  private static List<Integer> poll(TimedCommands redis, List<String> redisKeys,
      List<Integer> waiting, Read[] reads, byte[][] othersLeases) {
    String[] polled = waiting.stream().map(redisKeys::get).toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", polled.length + " keys", commands -> commands.mget(polled));
    List<Integer> empty = new ArrayList<>();
    List<Integer> stillLeased = new ArrayList<>();
    for (int n = 0; n < polled.length; n++) { // MGET answers in the order asked
      int i = waiting.get(n);
      KeyValue<String, byte[]> value = stored.get(n);
      if (!value.hasValue()) {
        empty.add(i);
      } else if (isLease(value.getValue())) {
        othersLeases[i] = value.getValue();
        stillLeased.add(i);
      } else {
        reads[i] = new Read(value.getValue(), false);
      }
    }
    waiting.clear();
    waiting.addAll(stillLeased);
    return empty;
  }

  /** The replies of pipelined commands, in order, once they all arrived. */
  private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> replies) {
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          List<T> values = new ArrayList<>(replies.size());
          replies.forEach(reply -> values.add(reply.join()));
          return values;
        });
  }

  /**
   * Takes the lease on {@code redisKey} for {@code load}; the key holds {@code stale}, a value
   * past its ttl that Redis keeps {@code staleMillis} more for stale-if-error. False when the key
   * changed since it was read (another instance's lease or value).
   */
  boolean leaseOver(TimedCommands redis, String redisKey, byte[] stale, long staleMillis,
      Object load) {
    byte[] token = newMarker();
    byte[] lease = Arrays.copyOf(token, token.length + 1 + stale.length);
    lease[token.length] = SEPARATOR;
    System.arraycopy(stale, 0, lease, token.length + 1, stale.length);
    byte[] px = Long.toString(Math.min(leaseMillis, staleMillis))
        .getBytes(StandardCharsets.US_ASCII);
    Long taken = redis.run("LEASE", redisKey, commands -> commands.<Long>eval(LEASE_IF_UNCHANGED,
        ScriptOutputType.INTEGER, new String[] {redisKey}, stale, lease, px));
    if (taken == null || taken != 1L) {
      return false;
    }
    long now = System.nanoTime();
    held.hold(load, new Held(redisKey, lease, leaseEndNanos(), true, stale,
        now + staleMillis * 1_000_000L));
    return true;
  }

  /**
   * Takes the lease on {@code redisKey} for {@code put}, over whatever the key holds (a value,
   * another instance's lease, nothing), which it keeps to put back should the put be cancelled
   * ({@link #abandon}). Any fill under a lease taken before fails from now on, and so does this
   * put's if another write removes or replaces its lease before it fills: an UNLINK, another put.
   * A read meanwhile waits for the put's value, as for a load's.
   */
  void leaseForPut(TimedCommands redis, String redisKey, Object put) {
    byte[] marker = newMarker();
    byte[] px = Long.toString(leaseMillis).getBytes(StandardCharsets.US_ASCII);
    List<Object> held = redis.run("LEASE", redisKey, commands -> commands.<List<Object>>eval(
        LEASE_OVER_ANY, ScriptOutputType.MULTI, new String[] {redisKey}, marker, px));
    byte[] previous = held.isEmpty() ? null : (byte[]) held.get(0);
    long ttlMillis = previous == null ? 0 : (Long) held.get(1);
    this.held.hold(put, new Held(redisKey, marker, leaseEndNanos(), true, previous,
        ttlMillis < 0 ? KEPT_FOREVER : System.nanoTime() + ttlMillis * 1_000_000L));
  }

  /**
   * The lease {@code load} took or adopted on {@code redisKey}, forgotten here; or null when it
   * holds none (never took one, or already wrote or gave it up).
   */
  @Nullable Held takeHeld(Object load, String redisKey) {
    return held.take(load, redisKey);
  }

  /**
   * Writes {@code encoded} to {@code redisKey} if it still holds {@code marker}, expiring after
   * {@code pxMillis} (0: never); returns whether it did.
   */
  boolean fill(TimedCommands redis, String redisKey, byte[] marker, byte[] encoded, long pxMillis) {
    byte[] px = Long.toString(pxMillis).getBytes(StandardCharsets.US_ASCII);
    Long filled = redis.run("FILL", redisKey, commands -> commands.<Long>eval(FILL_IF_HELD,
        ScriptOutputType.INTEGER, new String[] {redisKey}, marker, encoded, px));
    return filled != null && filled == 1L;
  }

  /**
   * As {@link #fill} for several leases, in one pipeline of scripts (one per key, so each goes to
   * its own slot on a cluster): writes {@code encoded[i]} to the key of {@code leases[i]} if it
   * still holds that lease, expiring after {@code pxMillis[i]} (0: never). Returns which it wrote.
   */
  boolean[] fillAll(TimedCommands redis, List<Held> leases, List<byte[]> encoded,
      List<Long> pxMillis) {
    List<Long> filled = redis.run("FILL", leases.size() == 1 ? leases.get(0).redisKey()
        : leases.size() + " keys", commands -> {
          List<CompletableFuture<Long>> replies = new ArrayList<>(leases.size());
          for (int i = 0; i < leases.size(); i++) {
            byte[] px = Long.toString(pxMillis.get(i)).getBytes(StandardCharsets.US_ASCII);
            replies.add(commands.<Long>eval(FILL_IF_HELD, ScriptOutputType.INTEGER,
                new String[] {leases.get(i).redisKey()}, leases.get(i).marker(), encoded.get(i),
                px).toCompletableFuture());
          }
          return allOf(replies);
        });
    boolean[] wrote = new boolean[filled.size()];
    for (int i = 0; i < wrote.length; i++) {
      wrote[i] = filled.get(i) != null && filled.get(i) == 1L;
    }
    return wrote;
  }

  /**
   * Gives {@code lease} on {@code redisKey} up, if the key still holds it, for others to take; a
   * lease taken over a stale value (or a put's, over any) puts that back for what is left of its
   * keeping. An
   * adopted lease is left alone: its holder may still be loading, and would lose its fill.
   */
  void abandon(TimedCommands redis, String redisKey, Held lease) {
    if (lease.taken()) {
      redis.run("DEL", redisKey, commands -> giveUp(commands, lease));
    }
  }

  /** As {@link #abandon} for several leases, in one pipeline of scripts. */
  void abandonAll(TimedCommands redis, List<Held> leases) {
    List<Held> taken = leases.stream().filter(Held::taken).toList();
    if (taken.isEmpty()) {
      return;
    }
    redis.run("DEL", taken.size() == 1 ? taken.get(0).redisKey() : taken.size() + " leases",
        commands -> {
          List<CompletableFuture<Long>> replies = new ArrayList<>(taken.size());
          taken.forEach(lease -> replies.add(giveUp(commands, lease)));
          return allOf(replies);
        });
  }

  /** The script that gives {@code lease} up: see {@link #abandon}. */
  private static CompletableFuture<Long> giveUp(RedisClusterAsyncCommands<String, byte[]> commands,
      Held lease) {
    String[] key = {lease.redisKey()};
    boolean forever = lease.staleUntilNanos() == KEPT_FOREVER;
    long staleMillis = forever
        ? 0 // FILL_IF_HELD's "no expiry"
        : (lease.staleUntilNanos() - System.nanoTime()) / 1_000_000L;
    if (lease.stale() != null && (forever || staleMillis > 0)) {
      byte[] px = Long.toString(staleMillis).getBytes(StandardCharsets.US_ASCII);
      return commands.<Long>eval(FILL_IF_HELD, ScriptOutputType.INTEGER, key, lease.marker(),
          lease.stale(), px).toCompletableFuture();
    }
    return commands.<Long>eval(RedisTier.DELETE_IF_UNCHANGED, ScriptOutputType.INTEGER, key,
        lease.marker()).toCompletableFuture();
  }

  /** The stale value {@code lease} carries (see {@link #leaseOver}); null when none. */
  private static byte @Nullable [] carried(byte[] lease) {
    for (int i = MARK.length; i < lease.length; i++) {
      if (lease[i] == SEPARATOR) {
        return Arrays.copyOfRange(lease, i + 1, lease.length);
      }
    }
    return null;
  }

  private long leaseEndNanos() {
    return System.nanoTime() + leaseMillis * 1_000_000L;
  }

  private byte[] newMarker() {
    byte[] token = (owner + ":" + tokens.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
    byte[] marker = Arrays.copyOf(MARK, MARK.length + token.length);
    System.arraycopy(token, 0, marker, MARK.length, token.length);
    return marker;
  }

  /** Between half and all of {@code pause}: instances that missed together poll apart. */
  private static long jittered(long pause) {
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  /** Sleeps; false when interrupted (the interrupt is kept for the caller to see). */
  private static boolean sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
