package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.CacheEntry;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.testing.ManualClock;
import io.tiered.runtime.testing.MockTier;
import io.tiered.runtime.testing.MockTier.Operation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two {@code @Fallback} tiers behind L1, promotion, and tiers that fail. */
class FallbackTiersTest {
  private final ManualClock clock = new ManualClock();
  private final EventRecorder events = new EventRecorder();
  private final MockTier<Object, Object> near = MockTier.create();
  private final MockTier<Object, Object> far = MockTier.create();
  private final TieredRuntime runtime = TieredRuntime.builder()
      .clock(clock)
      .tier("near", near.factory())
      .tier("far", far.factory())
      .listener(events)
      .build();
  private final AtomicInteger calls = new AtomicInteger();
  private final SharedQuotes origin = new SharedQuotes() {
    @Override
    public String quote(String sku) {
      return "quote-" + sku + "-" + calls.incrementAndGet();
    }

    @Override
    public String peek(String sku) {
      return "peek-" + sku + "-" + calls.incrementAndGet();
    }
  };
  private final TieredSharedQuotes quotes = new TieredSharedQuotes(origin, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void originValueIsWrittenToEveryTier() {
    assertThat(quotes.quote("a")).isEqualTo("quote-a-1");

    assertThat(near.peek("SharedQuotes.quote", "a").value()).isEqualTo("quote-a-1");
    assertThat(near.peek("SharedQuotes.quote", "a").ttl()).hasValue(Duration.ofHours(1));
    assertThat(far.peek("SharedQuotes.quote", "a").value()).isEqualTo("quote-a-1");
    assertThat(far.peek("SharedQuotes.quote", "a").ttl()).isEmpty();
  }

  @Test
  void tiersAreAskedInDeclarationOrderAndAHitIsPromoted() {
    far.seed("SharedQuotes.quote", "a", CacheEntry.of("from-far", clock.instant(), null));

    assertThat(quotes.quote("a")).isEqualTo("from-far");
    assertThat(near.operations(Operation.Kind.GET)).hasSize(1);
    assertThat(near.peek("SharedQuotes.quote", "a").value()).isEqualTo("from-far");
    far.clearOperations();

    assertThat(quotes.quote("a")).isEqualTo("from-far");
    assertThat(far.operations()).isEmpty();
    assertThat(calls.get()).isEqualTo(0);
    assertThat(events.events(CacheEvent.Kind.HIT, "far")).hasSize(1);
    assertThat(events.events(CacheEvent.Kind.HIT, CacheEvent.L1)).hasSize(1);
  }

  @Test
  void promoteFalseLeavesL1Alone() {
    near.seed("SharedQuotes.peek", "a", CacheEntry.of("from-near", clock.instant(), null));

    assertThat(quotes.peek("a")).isEqualTo("from-near");
    assertThat(quotes.peek("a")).isEqualTo("from-near");

    assertThat(near.operations(Operation.Kind.GET)).hasSize(2);
    assertThat(events.events(CacheEvent.Kind.HIT, CacheEvent.L1)).isEmpty();
    assertThat(far.operations()).isEmpty(); // the method's @Fallback replaced the interface's
    assertThat(calls.get()).isEqualTo(0);
  }

  @Test
  void failingTierCountsAsAMissAndTheOriginAnswers() {
    IllegalStateException down = new IllegalStateException("near is down");
    near.failAll(down);

    assertThat(quotes.quote("a")).isEqualTo("quote-a-1");

    assertThat(events.events(CacheEvent.Kind.ERROR, "near")).isNotEmpty();
    assertThat(events.events(CacheEvent.Kind.ERROR, "near").get(0).error()).isSameInstanceAs(down);
    assertThat(far.peek("SharedQuotes.quote", "a").value()).isEqualTo("quote-a-1");
    assertThat(quotes.quote("a")).isEqualTo("quote-a-1");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void invalidateReachesEveryTier() {
    quotes.quote("a");

    quotes.quoteCache().invalidate("a");

    assertThat(near.peek("SharedQuotes.quote", "a")).isNull();
    assertThat(far.peek("SharedQuotes.quote", "a")).isNull();
    assertThat(quotes.quote("a")).isEqualTo("quote-a-2");
  }

  @Test
  void unboundTierFailsAtConstructionNamingTheMethodAndTier() {
    TieredRuntime withoutFar = TieredRuntime.builder().tier("near", near.factory()).build();

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> new TieredSharedQuotes(origin, withoutFar));

    assertThat(thrown).hasMessageThat().contains("SharedQuotes.quote(String)");
    assertThat(thrown).hasMessageThat().contains("'far'");
    assertThat(thrown).hasMessageThat().contains("TieredRuntime.builder().tier(\"far\"");
  }
}
