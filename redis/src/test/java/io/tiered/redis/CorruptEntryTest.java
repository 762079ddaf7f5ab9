package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheTier;
import io.tiered.runtime.TierSpec;
import io.tiered.runtime.TieredCache;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Entries that do not decode: a miss and an ERROR event, never an exception to the caller. */
class CorruptEntryTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final String KEY = "tiered:Svc.price:\"a\"";
  private static final String GARBAGE = "{\"cachedAt\":\"2025-01-02T03:04:05Z\",\"value\":[1,2]}";

  @Test
  void aCorruptEntryIsAMissAnErrorEventAndIsReplacedFromTheOrigin() {
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    inspect.set(KEY, GARBAGE);
    Price price = new Price("a", BigDecimal.ONE, Instant.parse("2025-01-02T03:04:05Z"));
    Instance a = redis.newInstance();
    TieredCache<String, Price> cache = a.cache(
        shared("Svc.price", String.class, Price.class, Duration.ofMinutes(5), true), sku -> price);

    assertThat(cache.get("a")).isEqualTo(price);

    assertThat(a.originCalls.get()).isEqualTo(1);
    assertThat(a.shared(CacheEvent.Kind.ERROR)).hasSize(1);
    assertThat(a.shared(CacheEvent.Kind.ERROR).get(0).error())
        .isInstanceOf(CorruptEntryException.class);
    assertThat(inspect.get(KEY)).contains("\"sku\":\"a\"");
  }

  @Test
  void theTierDeletesTheCorruptEntryBeforeReportingIt() {
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    inspect.set(KEY, GARBAGE);
    try (RedisTierFactory factory = RedisTiers.factory(redis.newClient())) {
      CacheTier<String, Price> tier = factory.create(new TierSpec<>("Svc.price", "shared",
          String.class, Price.class, null, 0, InstantSource.system(),
          TierSpec.EvictionListener.none(), TierSpec.Upstream.none()));

      CorruptEntryException thrown = assertThrows(CorruptEntryException.class, () -> tier.get("a"));

      assertThat(thrown).hasMessageThat().contains(KEY);
      assertThat(inspect.exists(KEY)).isEqualTo(0L);
      assertThat(tier.get("a")).isNull();
    }
  }
}
