package io.tiered.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.KeyTags;
import io.tiered.runtime.TierSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tagged cache's Redis tier made straight from a factory, without an engine in front: its
 * upstream records what the tier tells it. Key {@code "a1"} carries the tags {@code product:a1}
 * and {@code group:a}; keys starting with {@code x} carry none.
 */
final class TaggedTiers {
  static final String CACHE = "Svc.price";
  static final Duration TTL = Duration.ofMinutes(5);
  static final KeyTags<String> TAGS =
      key -> key.startsWith("x") ? List.of() : List.of("product:" + key, "group:" + key.charAt(0));

  private TaggedTiers() {}

  /** What a tier told the tiers in front of it. */
  static final class RecordedUpstream implements TierSpec.Upstream<String> {
    final Queue<String> tags = new ConcurrentLinkedQueue<>();
    final AtomicInteger everyKeyDropped = new AtomicInteger();

    @Override
    public void invalidate(String key) {}

    @Override
    public void invalidateAll() {
      everyKeyDropped.incrementAndGet();
    }

    @Override
    public void invalidateTag(String tag) {
      tags.add(tag);
    }
  }

  /** The tagged tier of {@link #CACHE} on {@code factory}, judging time by {@code clock}. */
  static RedisTier<String, String> tagged(RedisTierFactory factory, InstantSource clock,
      RecordedUpstream upstream) {
    return tier(factory, CACHE, clock, upstream, TAGS);
  }

  static RedisTier<String, String> tier(RedisTierFactory factory, String cache,
      InstantSource clock, RecordedUpstream upstream, KeyTags<String> tags) {
    CacheTier<String, String> tier = factory.create(new TierSpec<>(cache, Instance.SHARED,
        String.class, String.class, TTL, 0, clock, TierSpec.EvictionListener.none(), upstream,
        Duration.ZERO, tags));
    return (RedisTier<String, String>) tier;
  }

  /** An entry of {@code value}, loaded now by {@code clock}. */
  static CacheEntry<String> entry(String value, InstantSource clock) {
    return CacheEntry.of(value, clock.instant(), TTL);
  }

  /** The value of {@code entry}, or null when there is none. */
  static String valueOf(CacheEntry<String> entry) {
    return entry == null ? null : entry.value();
  }

  /** The Redis key of {@code key} in {@link #CACHE}. */
  static String redisKey(String key) {
    return "tiered:" + CACHE + ":\"" + key + "\"";
  }

  /** The token {@code tag} has in Redis now. */
  static String token(RedisCommands<String, String> raw, String tag) {
    return raw.get("tiered:%tag:" + tag);
  }
}
