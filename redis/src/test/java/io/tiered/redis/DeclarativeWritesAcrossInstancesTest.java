package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A write method called on instance A evicts the key from instance B's L1, through Redis. */
class DeclarativeWritesAcrossInstancesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Duration PROPAGATION = Duration.ofSeconds(5);

  private final AtomicReference<String> current = new AtomicReference<>("v1");
  private final AtomicInteger originReads = new AtomicInteger();
  private final QuoteBook origin = new QuoteBook() {
    @Override
    public String quote(String sku) {
      originReads.incrementAndGet();
      return current.get();
    }

    @Override
    public void update(String sku) {}

    @Override
    public void updateAll(List<String> skus) {}
  };

  private TieredQuoteBook inA;
  private TieredQuoteBook inB;

  @BeforeEach
  void twoInstancesWithBothKeysInEveryL1() {
    inA = new TieredQuoteBook(origin, redis.newInstance().runtime);
    inB = new TieredQuoteBook(origin, redis.newInstance().runtime);
    for (String sku : List.of("a", "b", "c")) {
      inA.quote(sku);
      assertThat(inB.quote(sku)).isEqualTo("v1");
    }
    assertThat(originReads.get()).isEqualTo(3); // B read Redis, then its own L1
  }

  @Test
  void aWriteOnOneInstanceEvictsTheKeyFromTheOthersL1() {
    current.set("v2");
    inA.update("a");

    await().atMost(PROPAGATION).until(() -> inB.quote("a").equals("v2"));
    assertThat(inB.quote("b")).isEqualTo("v1");
  }

  @Test
  void aBatchWriteOnOneInstanceEvictsEveryKeyFromTheOthersL1() {
    current.set("v2");
    inA.updateAll(List.of("a", "b"));

    await().atMost(PROPAGATION).until(() -> inB.quote("a").equals("v2"));
    assertThat(inB.quote("b")).isEqualTo("v2");
    assertThat(inB.quote("c")).isEqualTo("v1");
  }
}
