package io.tiered.redis;

import io.lettuce.core.RedisClient;
import io.tiered.redis.Fixtures.Price;
import io.tiered.redis.Fixtures.Query;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link OneJacksonTest} runs in a {@link HidingClassLoader}: two instances sharing Redis
 * through default-built factories. Names only JDK types in its signature, as its caller's classes
 * are not its own.
 */
final class OneJacksonProgram {
  private OneJacksonProgram() {}

  /**
   * A load, a read through Redis by another instance and an invalidation; what each saw.
   *
   * @param mapper {@code default}, {@code jsonMapper} or {@code objectMapper}: what the factories'
   *     builders are given
   */
  static String run(String redisUri, String mapper) throws InterruptedException {
    RedisClient client = RedisClient.create(redisUri);
    List<Price> prices =
        List.of(new Price("a", BigDecimal.ONE, Instant.parse("2025-01-02T03:04:05Z")));
    AtomicInteger originCalls = new AtomicInteger();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    CacheEventListener errors = event -> {
      if (event.error() != null) {
        failures.add(event.kind() + " " + event.tier() + ": " + event.error());
      }
    };
    try (RedisTierFactory factoryA = factory(client, mapper);
        RedisTierFactory factoryB = factory(client, mapper);
        TieredRuntime a =
            TieredRuntime.builder().tier("shared", factoryA).listener(errors).build();
        TieredRuntime b =
            TieredRuntime.builder().tier("shared", factoryB).listener(errors).build()) {
      CacheDefinition<Query, List<Price>> definition = CacheDefinition
          .<Query, List<Price>>builder("Svc.quote", Query.class,
              Types.parameterized(List.class, Price.class))
          .fallback("shared", Duration.ofMinutes(5), true)
          .build();
      TieredCache<Query, List<Price>> inA = a.cache(definition, query -> {
        originCalls.incrementAndGet();
        return prices;
      });
      TieredCache<Query, List<Price>> inB = b.cache(definition, query -> {
        originCalls.incrementAndGet();
        return List.of();
      });
      Query query = new Query("a", 2, "EUR");

      boolean loaded = inA.get(query).equals(prices);
      boolean readFromRedis = inB.get(query).equals(prices);
      inA.invalidate(query);
      boolean droppedInB = false;
      for (int i = 0; i < 100 && !droppedInB; i++) { // B's L1 hears of it over pub/sub
        droppedInB = inB.get(query).isEmpty();
        Thread.sleep(20);
      }
      return "loaded=" + loaded + " readFromRedis=" + readFromRedis + " droppedInB=" + droppedInB
          + " originCalls=" + originCalls.get() + (failures.isEmpty() ? "" : " " + failures);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private static RedisTierFactory factory(RedisClient client, String mapper) {
    RedisTiers.Builder builder = RedisTiers.builder(client).prefix(mapper); // a run of its own
    return switch (mapper) {
      case "default" -> builder.build();
      case "jsonMapper" -> builder.jsonMapper(RedisTiers.defaultJsonMapper()).build();
      case "objectMapper" -> builder.objectMapper(RedisTiers.defaultObjectMapper()).build();
      default -> throw new IllegalArgumentException(mapper);
    };
  }

  /** Builds a factory with the builder's defaults, and closes it. */
  static String build(String redisUri) {
    RedisClient client = RedisClient.create(redisUri);
    try {
      RedisTiers.factory(client).close();
      return "built";
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
