package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.testing.ManualClock;
import io.tiered.runtime.testing.MockTier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A runtime on a manual clock with a mock "shared" tier, recording every event. */
final class Harness {
  final ManualClock clock = new ManualClock();
  final MockTier<Object, Object> shared = MockTier.create();
  final List<CacheEvent> events = new CopyOnWriteArrayList<>();
  final AtomicInteger originCalls = new AtomicInteger();
  final TieredRuntime runtime;

  Harness() {
    this(TieredRuntime.builder());
  }

  Harness(TieredRuntime.Builder builder) {
    this.runtime = builder.clock(clock).tier("shared", shared.factory()).listener(events::add).build();
  }

  /** A cache of {@code definition} whose origin answers "value-of-" + key and counts calls. */
  TieredCache<String, String> cache(CacheDefinition<String, String> definition) {
    return runtime.cache(definition, key -> {
      originCalls.incrementAndGet();
      return "value-of-" + key;
    });
  }

  /** A factory that hands out {@code tier} for every cache: for a test's hand-made tier. */
  @SuppressWarnings("unchecked")
  static TierFactory factoryOf(CacheTier<?, ?> tier) {
    return new TierFactory() {
      @Override
      public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        return (CacheTier<K, V>) tier;
      }
    };
  }

  static CacheDefinition.Builder<String, String> definition() {
    return CacheDefinition.builder("Test.get", String.class, String.class);
  }

  List<CacheEvent.Kind> kinds(String tier) {
    return events.stream().filter(event -> event.tier().equals(tier)).map(CacheEvent::kind).toList();
  }

  List<CacheEvent> events(CacheEvent.Kind kind) {
    return events.stream().filter(event -> event.kind() == kind).toList();
  }
}
