package io.tiered.runtime.testing;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierFactory;
import io.tiered.runtime.TierSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A map-backed tier that records every operation and can fail or slow down on demand: a test
 * double for a remote tier. Thread-safe.
 *
 * <pre>{@code
 * MockTier<Object, Object> shared = MockTier.create();
 * TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared.factory()).build();
 * shared.failAll(new IllegalStateException("redis down"));
 * assertThat(shared.operations()).contains(
 *     new MockTier.Operation(MockTier.Operation.Kind.GET, "PriceService.price", "sku-1"));
 * }</pre>
 *
 * <p>One {@code MockTier} backs every cache its {@link #factory()} is asked for; entries are
 * namespaced by cache name, as a remote tier would namespace its keys.
 *
 * @param <K> key type, usually {@code Object} when shared by several caches
 * @param <V> value type, likewise
 */
public final class MockTier<K, V> {
  private final Map<String, Map<Object, CacheEntry<?>>> entries = new ConcurrentHashMap<>();
  private final List<Operation> operations = new CopyOnWriteArrayList<>();
  private final Map<Object, RuntimeException> keyFailures = new ConcurrentHashMap<>();
  private final Map<Object, Duration> keyLatencies = new ConcurrentHashMap<>();
  private volatile @Nullable RuntimeException failure;
  private volatile Duration latency = Duration.ZERO;

  private MockTier() {}

  /**
   * {@return a new tier, empty, with no failure or latency}
   *
   * @param <K> key type, usually {@code Object} when shared by several caches
   * @param <V> value type, likewise
   */
  public static <K, V> MockTier<K, V> create() {
    return new MockTier<>();
  }

  /**
   * {@return a factory to bind with {@code TieredRuntime.Builder.tier(name, factory)}} Every tier
   * it makes stores into, and records in, this {@code MockTier}.
   */
  public TierFactory factory() {
    return new TierFactory() {
      @Override
      public <K2, V2> CacheTier<K2, V2> create(TierSpec<K2, V2> spec) {
        return new Tier<>(spec.cacheName());
      }
    };
  }

  /**
   * Makes every later operation throw {@code failure}. A failing operation is still recorded, and
   * still sleeps its latency first.
   *
   * @param failure the exception to throw; {@code null} removes it (the failures of
   *     {@link #failKey} stay; {@link #heal()} removes all)
   * @return this tier
   */
  public MockTier<K, V> failAll(@Nullable RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  /**
   * Makes every later operation on {@code key} throw {@code failure}, whatever
   * {@link #failAll} says.
   *
   * @param key the key, in every cache; {@code clear} has no key and is not affected
   * @param failure the exception to throw
   * @return this tier
   */
  public MockTier<K, V> failKey(K key, RuntimeException failure) {
    keyFailures.put(key, Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /**
   * Makes every later operation sleep {@code latency} first, on the calling thread.
   *
   * @param latency the delay; zero for none. A key's own latency replaces it for that key
   * @return this tier
   */
  public MockTier<K, V> latency(Duration latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /**
   * Makes every later operation on {@code key} sleep {@code latency} first, instead of the
   * latency of {@link #latency(Duration)}.
   *
   * @param key the key, in every cache
   * @param latency the delay; zero for none
   * @return this tier
   */
  public MockTier<K, V> latency(K key, Duration latency) {
    keyLatencies.put(key, Objects.requireNonNull(latency, "latency"));
    return this;
  }

  /**
   * Removes every injected failure and latency; entries and recorded operations stay.
   *
   * @return this tier
   */
  public MockTier<K, V> heal() {
    failure = null;
    latency = Duration.ZERO;
    keyFailures.clear();
    keyLatencies.clear();
    return this;
  }

  /**
   * Stores {@code entry} directly, without recording an operation or injecting a failure: to
   * seed the tier in a test.
   *
   * @param cacheName the cache, as its {@link TierSpec#cacheName()}
   * @param key the key to store under
   * @param entry the value with its cached-at instant and ttl
   */
  public void seed(String cacheName, K key, CacheEntry<? extends V> entry) {
    cache(cacheName).put(key, entry);
  }

  /**
   * {@return the entry held for {@code key} in {@code cacheName}, or null} Records no operation.
   *
   * @param cacheName the cache, as its {@link TierSpec#cacheName()}
   * @param key the key to look up
   */
  @SuppressWarnings("unchecked")
  public @Nullable CacheEntry<V> peek(String cacheName, K key) {
    return (CacheEntry<V>) cache(cacheName).get(key);
  }

  /**
   * {@return the number of entries held for {@code cacheName}; 0 for a cache never written}
   *
   * @param cacheName the cache, as its {@link TierSpec#cacheName()}
   */
  public int size(String cacheName) {
    return cache(cacheName).size();
  }

  /** {@return every get, put, invalidate and clear so far, in order, failed ones included} */
  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  /**
   * {@return the operations of {@code kind} so far, in order}
   *
   * @param kind the kind of tier operation
   */
  public List<Operation> operations(Operation.Kind kind) {
    List<Operation> matching = new ArrayList<>();
    for (Operation operation : operations) {
      if (operation.kind() == kind) {
        matching.add(operation);
      }
    }
    return matching;
  }

  /** Forgets the recorded operations (not the entries). */
  public void clearOperations() {
    operations.clear();
  }

  private Map<Object, CacheEntry<?>> cache(String cacheName) {
    return entries.computeIfAbsent(cacheName, name -> new ConcurrentHashMap<>());
  }

  private void enter(Operation.Kind kind, String cacheName, @Nullable Object key) {
    operations.add(new Operation(kind, cacheName, key));
    Duration delay = key == null ? latency : keyLatencies.getOrDefault(key, latency);
    if (!delay.isZero()) {
      LockSupport.parkNanos(delay.toNanos());
    }
    RuntimeException keyFailure = key == null ? null : keyFailures.get(key);
    if (keyFailure != null) {
      throw keyFailure;
    }
    RuntimeException all = failure;
    if (all != null) {
      throw all;
    }
  }

  /**
   * One recorded operation.
   *
   * @param kind which tier operation
   * @param cacheName the cache it was made for, as its {@link TierSpec#cacheName()}
   * @param key the key, or null for {@link Kind#CLEAR}
   */
  public record Operation(Kind kind, String cacheName, @Nullable Object key) {
    /** The tier operation. */
    public enum Kind {
      /** {@link CacheTier#get}. */
      GET,
      /** {@link CacheTier#put}. */
      PUT,
      /** {@link CacheTier#invalidate}. */
      INVALIDATE,
      /** {@link CacheTier#clear}. */
      CLEAR
    }
  }

  private final class Tier<K2, V2> implements CacheTier<K2, V2> {
    private final String cacheName;

    Tier(String cacheName) {
      this.cacheName = cacheName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable CacheEntry<V2> get(K2 key) {
      enter(Operation.Kind.GET, cacheName, key);
      return (CacheEntry<V2>) cache(cacheName).get(key);
    }

    @Override
    public void put(K2 key, CacheEntry<V2> entry) {
      enter(Operation.Kind.PUT, cacheName, key);
      cache(cacheName).put(key, entry);
    }

    @Override
    public void invalidate(K2 key) {
      enter(Operation.Kind.INVALIDATE, cacheName, key);
      cache(cacheName).remove(key);
    }

    @Override
    public void clear() {
      enter(Operation.Kind.CLEAR, cacheName, null);
      cache(cacheName).clear();
    }

    @Override
    public OptionalLong size() {
      return OptionalLong.of(cache(cacheName).size());
    }
  }
}
