package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Types;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration errors name the method, the tier and the fix. */
class TieredRuntimeTest {

  @Test
  void unboundFallbackTierFailsAtConstructionNamingMethodTierAndFix() {
    TieredRuntime runtime = TieredRuntime.builder().build();
    CacheDefinition<String, String> definition = Harness.definition()
        .method("PriceService.price(String)").fallback("shared", null, true).build();

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> runtime.cache(definition, key -> key));

    assertThat(thrown).hasMessageThat().contains("PriceService.price(String)");
    assertThat(thrown).hasMessageThat().contains("@Fallback(tier = \"shared\")");
    assertThat(thrown).hasMessageThat().contains("TieredRuntime.builder().tier(\"shared\"");
  }

  @Test
  void tierNamesAreBoundOnce() {
    TieredRuntime.Builder builder = TieredRuntime.builder().tier("shared", Tiers.memory());

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> builder.tier("shared", Tiers.memory()));

    assertThat(thrown).hasMessageThat().contains("'shared' is already bound");
  }

  @Test
  void reservedTierNamesAreRejected() {
    for (String reserved : new String[] {CacheEvent.L1, CacheEvent.ORIGIN}) {
      assertThrows(IllegalArgumentException.class,
          () -> TieredRuntime.builder().tier(reserved, Tiers.memory()));
      assertThat(assertThrows(IllegalArgumentException.class,
          () -> Harness.definition().fallback(reserved, null, true).build()))
          .hasMessageThat().contains("reserved");
    }
  }

  @Test
  void definitionRejectsRefreshAfterNotShorterThanTtl() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().ttl(Duration.ofMinutes(1)).refreshAfter(Duration.ofMinutes(1))
            .build());

    assertThat(thrown).hasMessageThat().contains("Test.get");
    assertThat(thrown).hasMessageThat().contains("must be shorter than ttl");
  }

  @Test
  void definitionRejectsJitterOutsideItsRangeOrWithoutTtl() {
    for (double share : new double[] {-0.1, 0.51, Double.NaN}) {
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
          () -> Harness.definition().ttl(Duration.ofMinutes(1)).jitter(share).build());
      assertThat(thrown).hasMessageThat().contains("Test.get: jitter must be a share of the ttl");
      assertThat(thrown).hasMessageThat().contains("jitter = \"10%\"");
    }
    IllegalArgumentException noTtl = assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().jitter(0.1).build());
    assertThat(noTtl).hasMessageThat().contains("jitter needs a ttl");
    assertThat(Harness.definition().ttl(Duration.ofMinutes(1)).jitter(0.5).build().jitter())
        .isEqualTo(0.5);
  }

  @Test
  void definitionRejectsNonPositiveSizeAndDuplicateTiers() {
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().maximumSize(0).build()))
        .hasMessageThat().contains("maximumSize must be positive");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Harness.definition().fallback("shared", null, true).fallback("shared", null, true)
            .build()))
        .hasMessageThat().contains("declared twice");
  }

  @Test
  void fallbackTierIsMadeFromTheSpecOfItsMethod() {
    java.util.List<TierSpec<?, ?>> specs = new java.util.ArrayList<>();
    TierFactory recording = new TierFactory() {
      @Override
      public <K, V> CacheTier<K, V> create(TierSpec<K, V> spec) {
        specs.add(spec);
        return Tiers.memory().create(spec);
      }
    };
    TieredRuntime runtime = TieredRuntime.builder().tier("shared", recording).build();

    runtime.cache(CacheDefinition.<String, java.util.List<String>>builder("Prices.list",
            String.class, Types.parameterized(java.util.List.class, String.class))
        .fallback("shared", Duration.ofHours(1), true).build(), key -> java.util.List.of());

    TierSpec<?, ?> spec = specs.get(0);
    assertThat(spec.cacheName()).isEqualTo("Prices.list");
    assertThat(spec.tierName()).isEqualTo("shared");
    assertThat(spec.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.valueType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void generatedTypesEqualTheJdksOwn() throws Exception {
    java.lang.reflect.Type jdk = Holder.class.getDeclaredField("field").getGenericType();

    java.lang.reflect.Type built = Types.parameterized(java.util.Map.class, String.class,
        Types.parameterized(java.util.Set.class, Long.class));

    assertThat(built).isEqualTo(jdk);
    assertThat(jdk).isEqualTo(built);
    assertThat(built.hashCode()).isEqualTo(jdk.hashCode());
  }

  @SuppressWarnings("unused")
  private static final class Holder {
    java.util.Map<String, java.util.Set<Long>> field;
  }
}
