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
 * assertThat(shared.operations()).contains(MockTier.Operation.get("sku-1"));
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

  public static <K, V> MockTier<K, V> create() {
    return new MockTier<>();
  }

  /** A factory to bind with {@code TieredRuntime.Builder.tier(name, factory)}. */
  public TierFactory factory() {
    return new TierFactory() {
      @Override
      public <K2, V2> CacheTier<K2, V2> create(TierSpec<K2, V2> spec) {
        return new Tier<>(spec.cacheName());
      }
    };
  }

  /** Every later operation throws {@code failure}; {@code null} heals the tier. */
  public MockTier<K, V> failAll(@Nullable RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  /** Every later operation on {@code key} throws {@code failure}. */
  public MockTier<K, V> failKey(K key, RuntimeException failure) {
    keyFailures.put(key, Objects.requireNonNull(failure, "failure"));
    return this;
  }

  /** Every later operation sleeps {@code latency} first (on the calling thread). */
  public MockTier<K, V> latency(Duration latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /** Every later operation on {@code key} sleeps {@code latency} first. */
  public MockTier<K, V> latency(K key, Duration latency) {
    keyLatencies.put(key, Objects.requireNonNull(latency, "latency"));
    return this;
  }

  /** Removes every injected failure and latency. */
  public MockTier<K, V> heal() {
    failure = null;
    latency = Duration.ZERO;
    keyFailures.clear();
    keyLatencies.clear();
    return this;
  }

  /** Stores {@code entry} directly, without recording an operation: to seed the tier in a test. */
  public void seed(String cacheName, K key, CacheEntry<? extends V> entry) {
    cache(cacheName).put(key, entry);
  }

  /** The entry held for {@code key} in {@code cacheName}, without recording an operation. */
  @SuppressWarnings("unchecked")
  public @Nullable CacheEntry<V> peek(String cacheName, K key) {
    return (CacheEntry<V>) cache(cacheName).get(key);
  }

  /** The number of entries held for {@code cacheName}. */
  public int size(String cacheName) {
    return cache(cacheName).size();
  }

  /** Every operation so far, in order. */
  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  /** The operations of one kind so far, in order. */
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
   * @param key the key, or null for {@link Kind#CLEAR}
   */
  public record Operation(Kind kind, String cacheName, @Nullable Object key) {
    /** The tier operation. */
    public enum Kind { GET, PUT, INVALIDATE, CLEAR }
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
