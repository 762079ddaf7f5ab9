package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static io.tiered.redis.Instance.shared;

import io.lettuce.core.api.sync.RedisCommands;
import io.tiered.redis.Fixtures.Price;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEvent.Operation;
import io.tiered.runtime.TierCodecException;
import io.tiered.runtime.TierStats;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value type the codec can write but not read back, as Spring Data's {@code Page<T>} is with
 * JSON: found at the first write, reported once, and the cache then skips Redis instead of
 * failing every read of every instance.
 */
class UnreadableValuesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Price PRICE =
      new Price("a", BigDecimal.ONE, Instant.parse("2025-01-02T03:04:05Z"));
  private static final Type PAGE_OF_PRICES = Types.parameterized(Listing.class, Price.class);

  /** Like {@code Page<T>}: an interface Jackson writes through its getters, with no creator. */
  interface Listing<T> {
    List<T> getContent();

    long getTotal();
  }

  record ListingOf<T>(List<T> content, long total) implements Listing<T> {
    @Override
    public List<T> getContent() {
      return content;
    }

    @Override
    public long getTotal() {
      return total;
    }
  }

  private final CapturedLog log = CapturedLog.of(CodecProbe.class);
  private final RedisCommands<String, String> inspect = redis.newClient().connect().sync();

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @Test
  void aValueTypeTheCodecCannotReadBackIsReportedOnceAndTheCacheSkipsRedis() {
    Instance a = redis.newInstance();
    CacheDefinition.Builder<String, Listing<Price>> pages =
        shared("Repo.page", String.class, PAGE_OF_PRICES, Duration.ofMinutes(5), true);
    TieredCache<String, Listing<Price>> cache =
        a.cache(pages, page -> new ListingOf<>(List.of(PRICE), 1));

    assertThat(cache.get("p1").getContent()).containsExactly(PRICE);

    List<LogRecord> warnings = log.at(Level.WARNING);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("Tiered cache 'Repo.page'");
    assertThat(warnings.get(0).getMessage()).contains(
        "io.tiered.redis.UnreadableValuesTest$Listing<io.tiered.redis.Fixtures$Price>");
    assertThat(warnings.get(0).getMessage()).contains("InvalidDefinitionException");
    assertThat(warnings.get(0).getMessage()).contains("RedisTiers.Builder.codec");
    assertThat(warnings.get(0).getThrown()).hasMessageThat().contains("abstract types");
    List<CacheEvent> errors = a.shared(CacheEvent.Kind.ERROR);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).operation()).isEqualTo(Operation.CODEC);
    assertThat(errors.get(0).error()).isInstanceOf(TierCodecException.class);
    assertThat(inspect.dbsize()).isEqualTo(0); // neither the value nor the read's lease

    redis.server().send("CONFIG RESETSTAT");
    cache.put("p2", new ListingOf<>(List.of(PRICE), 1));
    assertThat(cache.get("p3").getContent()).containsExactly(PRICE);
    cache.invalidate("p1");
    assertThat(cache.get("p1").getContent()).containsExactly(PRICE);

    assertThat(commandsRun()).doesNotContainMatch("cmdstat_(get|set|mget|eval\\w*):");
    assertThat(inspect.dbsize()).isEqualTo(0);
    assertThat(a.originCalls.get()).isEqualTo(3); // p1 twice, p3: as without Redis
    TierStats stats = cache.stats().tier(Instance.SHARED);
    assertThat(stats.errors(Operation.CODEC)).isEqualTo(1);
    assertThat(stats.errors()).isEqualTo(1);
    assertThat(log.at(Level.WARNING)).hasSize(1);
  }

  @Test
  void eachInstanceFindsItOnceForItself() {
    Instance a = redis.newInstance();
    Instance b = redis.newInstance();
    CacheDefinition.Builder<String, Listing<Price>> pages =
        shared("Repo.page", String.class, PAGE_OF_PRICES, Duration.ofMinutes(5), true);
    TieredCache<String, Listing<Price>> inA = a.cache(pages, page -> new ListingOf<>(List.of(), 0));
    TieredCache<String, Listing<Price>> inB =
        b.cache(pages, page -> new ListingOf<>(List.of(PRICE), 1));

    inA.get("p1");
    inB.get("p1");
    inA.get("p2");
    inB.get("p2");

    assertThat(inA.stats().tier(Instance.SHARED).errors(Operation.CODEC)).isEqualTo(1);
    assertThat(inB.stats().tier(Instance.SHARED).errors(Operation.CODEC)).isEqualTo(1);
    assertThat(log.at(Level.WARNING)).hasSize(2);
    assertThat(b.originCalls.get()).isEqualTo(2); // nothing of A's reached Redis for B to read
  }

  @Test
  void aValueTypeTheCodecReadsBackIsStoredWithoutWarning() {
    Instance a = redis.newInstance();
    Instance b = redis.newInstance();
    Type listOfPrices = Types.parameterized(List.class, Price.class);
    CacheDefinition.Builder<String, List<Price>> prices =
        shared("Svc.prices", String.class, listOfPrices, Duration.ofMinutes(5), true);
    TieredCache<String, List<Price>> inA = a.cache(prices, sku -> List.of(PRICE));
    TieredCache<String, List<Price>> inB = b.cache(prices, sku -> List.of());

    inA.get("a");

    assertThat(inB.get("a")).containsExactly(PRICE); // from Redis
    assertThat(log.at(Level.WARNING)).isEmpty();
    assertThat(a.shared(CacheEvent.Kind.ERROR)).isEmpty();
    assertThat(inA.stats().tier(Instance.SHARED).errors(Operation.CODEC)).isEqualTo(0);
  }

  private String commandsRun() {
    return inspect.info("commandstats");
  }
}
