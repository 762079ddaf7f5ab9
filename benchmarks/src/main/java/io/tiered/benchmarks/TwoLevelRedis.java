package io.tiered.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.Codec;
import io.tiered.redis.RedisTiers;
import io.tiered.runtime.CacheEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The hand-written baseline of the Redis rows: a Caffeine L1 configured as Tiered's, in front of
 * Redis through Lettuce's synchronous commands, values written by the same Jackson codec as
 * Tiered's Redis tier (its entry, with cached-at and ttl). A hit in Redis is copied into L1; a
 * miss calls the origin and writes Redis (acknowledged) and L1. No single flight, no leases, no
 * invalidation messages: what a careful developer writes in an afternoon.
 */
final class TwoLevelRedis {
  static final Duration TTL = Duration.ofMinutes(10);

  private final Cache<String, Price> l1 = Caffeine.newBuilder()
      .maximumSize(RedisBenchmark.L1_SIZE)
      .expireAfterWrite(TTL)
      .executor(Runnable::run)
      .build();
  private final Codec.Typed<Price> codec =
      Codec.jackson3(RedisTiers.defaultJsonMapper()).forType(Price.class);
  private final SetArgs expiry = SetArgs.Builder.px(TTL.toMillis());
  private final RedisCommands<String, byte[]> redis;
  private final Function<String, Price> origin;

  TwoLevelRedis(RedisCommands<String, byte[]> redis, Function<String, Price> origin) {
    this.redis = redis;
    this.origin = origin;
  }

  Price price(String sku) {
    Price price = l1.getIfPresent(sku);
    if (price != null) {
      return price;
    }
    String key = key(sku);
    byte[] stored = redis.get(key);
    if (stored != null) {
      price = codec.decode(stored).value();
    } else {
      price = origin.apply(sku);
      redis.set(key, codec.encode(CacheEntry.of(price, Instant.now(), TTL)), expiry);
    }
    l1.put(sku, price);
    return price;
  }

  /** L1 first, then one {@code MGET} for the rest; keys Redis lacks are loaded one by one. */
  Map<String, Price> prices(List<String> skus) {
    Map<String, Price> prices = new HashMap<>(l1.getAllPresent(skus));
    List<String> missing = new ArrayList<>(skus.size() - prices.size());
    for (String sku : skus) {
      if (!prices.containsKey(sku)) {
        missing.add(sku);
      }
    }
    if (missing.isEmpty()) {
      return prices;
    }
    String[] keys = missing.stream().map(TwoLevelRedis::key).toArray(String[]::new);
    List<KeyValue<String, byte[]>> found = redis.mget(keys);
    for (int i = 0; i < found.size(); i++) {
      String sku = missing.get(i);
      KeyValue<String, byte[]> stored = found.get(i);
      Price price = stored.hasValue() ? codec.decode(stored.getValue()).value() : price(sku);
      l1.put(sku, price);
      prices.put(sku, price);
    }
    return prices;
  }

  private static String key(String sku) {
    return "hand:price:" + sku;
  }
}
