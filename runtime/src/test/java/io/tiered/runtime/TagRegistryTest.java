package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A runtime's tag states: versions that invalidations move, kept while a stamp holds them. */
class TagRegistryTest {
  private final TagRegistry registry = TagRegistry.weak();

  @Test
  void aStampIsCurrentUntilOneOfItsTagsIsInvalidated() {
    TagStamp both = registry.stamp(List.of("product:1", "catalog"));
    TagStamp other = registry.stamp(List.of("product:2"));

    registry.invalidate("catalog");

    assertThat(both.isCurrent()).isFalse();
    assertThat(other.isCurrent()).isTrue();
    assertThat(registry.stamp(List.of("product:1", "catalog")).isCurrent()).isTrue();
  }

  @Test
  void keepsATagsStateOnlyWhileSomethingHoldsAStampOfIt() {
    List<TagStamp> held = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      held.add(registry.stamp(List.of("product:" + i)));
    }
    TagStamp kept = held.get(7);
    assertThat(registry.size()).isEqualTo(1_000);

    held.clear();

    await().atMost(Duration.ofSeconds(10)).until(() -> {
      System.gc();
      return registry.size() == 1;
    });
    registry.invalidate("product:7"); // the one still held is still the tag's state
    assertThat(kept.isCurrent()).isFalse();
  }
}
