package io.tiered.redis;

import io.lettuce.core.RedisClient;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One "service instance" in a test: its own runtime (so its own L1) with the tier "shared" bound
 * to its own Redis factory, recording events and origin calls.
 */
final class Instance implements AutoCloseable {
  static final String SHARED = "shared";

  final RedisTierFactory factory;
  final TieredRuntime runtime;
  // A queue, not a copy-on-write list: the latency report records thousands of events.
  final Queue<CacheEvent> events = new ConcurrentLinkedQueue<>();
  final AtomicInteger originCalls = new AtomicInteger();

  Instance(RedisClient client, UnaryOperator<RedisTiers.Builder> configure) {
    this(configure.apply(RedisTiers.builder(client)));
  }

  /** An instance whose factory {@code builder} builds (on a server or a cluster). */
  Instance(RedisTiers.Builder builder) {
    this.factory = builder.build();
    this.runtime = TieredRuntime.builder().tier(SHARED, factory).listener(events::add).build();
  }

  /** A cache with the Redis tier behind L1, whose origin is {@code origin}, counted. */
  <K, V> TieredCache<K, V> cache(CacheDefinition.Builder<K, V> definition, Function<K, V> origin) {
    return runtime.cache(definition.build(), key -> {
      originCalls.incrementAndGet();
      return origin.apply(key);
    });
  }

  /** {@code CacheDefinition.builder(name, ...)} with the Redis tier behind L1. */
  static <K, V> CacheDefinition.Builder<K, V> shared(String name, java.lang.reflect.Type keyType,
      java.lang.reflect.Type valueType, Duration ttl, boolean promote) {
    return CacheDefinition.<K, V>builder(name, keyType, valueType).fallback(SHARED, ttl, promote);
  }

  /** The events of {@code kind} in the Redis tier. */
  List<CacheEvent> shared(CacheEvent.Kind kind) {
    return events.stream().filter(e -> e.kind() == kind && e.tier().equals(SHARED)).toList();
  }

  @Override
  public void close() {
    runtime.close();
    factory.close();
  }
}
