package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.acme.PriceService.Price;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import io.tiered.runtime.testing.MockTier;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The "Testing your interfaces" recipe of docs/testing.md, part 2: the generated proxy over a
 * counting origin, time from a {@link ManualClock}, the shared tier a {@link MockTier} that can
 * fail.
 */
class PriceServiceCachingTest {
  private final CountingPriceService origin = new CountingPriceService();
  private final ManualClock clock = new ManualClock();
  private final MockTier<Object, Object> shared = MockTier.create();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .clock(clock)
      .tier("shared", shared.factory())
      .build();
  private final TieredPriceService prices = new TieredPriceService(origin, runtime);

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void aSecondCallIsAnsweredFromTheCache() throws Exception {
    prices.price("sku-1");
    prices.price("sku-1");

    assertThat(origin.calls()).isEqualTo(1);
  }

  @Test
  void theTtlIsHonouredWithoutSleeping() {
    prices.quote("sku-1", 2);
    clock.advance(Duration.ofMinutes(9));
    prices.quote("sku-1", 2);
    assertThat(origin.calls()).isEqualTo(1);

    clock.advance(Duration.ofHours(2)); // past the L1 ttl (10m) and the shared tier's (1h)
    prices.quote("sku-1", 2);

    assertThat(origin.calls()).isEqualTo(2);
  }

  @Test
  void callsStillAnswerWhenTheSharedTierIsDown() throws Exception {
    shared.failAll(new IllegalStateException("redis down"));

    assertThat(prices.price("sku-1")).isEqualTo(new Price("sku-1", 100));
    assertThat(prices.priceCache().stats().tier("shared").errors()).isAtLeast(1L);
    assertThat(shared.operations()).isNotEmpty();
    assertThat(prices.priceCache().stats().tier(CacheEvent.L1).inserts()).isEqualTo(1);
  }
}
