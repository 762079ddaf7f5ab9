package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.internal.CacheDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyStatsTest {
  private final Harness harness = new Harness();

  @Test
  void aCacheNobodyAskedPrintsNoHitRate() {
    TieredCache<String, String> asked = harness.cache(Harness.definition().build());
    TieredCache<String, String> idle = harness.cache(
        CacheDefinition.<String, String>builder("Test.idle", String.class, String.class).build());
    asked.get("a");
    asked.get("a");

    String table = new ProxyStats(List.of(asked.stats(), idle.stats())).toString();

    assertThat(cacheRow(table, "Test.get")).asList().containsExactly(
        "Test.get", "2", "50.0", "1", "0", "0", "0", "0", "0").inOrder();
    assertThat(cacheRow(table, "Test.idle")).asList().containsExactly(
        "Test.idle", "0", "-", "0", "0", "0", "0", "0", "0").inOrder();
  }

  /** The columns of {@code cache}'s row in the second table, whose second column is a count. */
  private static String[] cacheRow(String table, String cache) {
    return table.lines().map(line -> line.trim().split("\\s+"))
        .filter(columns -> columns[0].equals(cache) && columns[1].matches("\\d+"))
        .findFirst().orElseThrow();
  }
}
