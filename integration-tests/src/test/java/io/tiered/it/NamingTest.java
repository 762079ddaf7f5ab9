package io.tiered.it;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.NoKey;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredRuntime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Overloads, clashing names and nested interfaces: distinct caches with predictable names. */
class NamingTest {
  private final TieredRuntime runtime = TieredRuntime.builder().build();
  private final AtomicInteger calls = new AtomicInteger();
  private final TieredFormatter formatter = new TieredFormatter(new Formatter() {
    @Override
    public String format(String value) {
      return "s:" + value + calls.incrementAndGet();
    }

    @Override
    public String format(String value, int width) {
      return "sw:" + value + width + ":" + calls.incrementAndGet();
    }

    @Override
    public String format(int number) {
      return "i:" + number + ":" + calls.incrementAndGet();
    }

    @Override
    public String labelCache() {
      return "labelCache:" + calls.incrementAndGet();
    }

    @Override
    public String label(String origin) {
      return "label:" + origin + ":" + calls.incrementAndGet();
    }

    @Override
    public String join(String key, String runtime, int hashCode) {
      return key + runtime + hashCode + ":" + calls.incrementAndGet();
    }

    @Override
    public String keep(String formatCache) {
      return "keep:" + formatCache + ":" + calls.incrementAndGet();
    }
  }, runtime);

  @AfterEach
  void close() {
    runtime.close();
  }

  @Test
  void overloadsGetDistinctCachesAndHandlesNamedAfterTheirParameterTypes() {
    assertThat(formatter.format("7")).isEqualTo(formatter.format("7"));
    assertThat(formatter.format(7)).isEqualTo(formatter.format(7));
    assertThat(formatter.format("7", 2)).isEqualTo(formatter.format("7", 2));
    assertThat(calls.get()).isEqualTo(3);

    assertThat(formatter.formatStringCache().name()).isEqualTo("Formatter.format(String)");
    assertThat(formatter.formatIntCache().name()).isEqualTo("Formatter.format(int)");
    assertThat(formatter.formatStringIntCache().name()).isEqualTo("Formatter.format(String, int)");
    assertThat(formatter.formatIntCache().get(7)).isEqualTo("i:7:2");
  }

  @Test
  void handleThatWouldClashWithAMethodIsNumbered() {
    TieredCache<NoKey, String> ofLabelCacheMethod = formatter.labelCacheCache();
    TieredCache<String, String> ofLabelMethod = formatter.labelCache2();

    assertThat(formatter.labelCache()).isEqualTo("labelCache:1");
    assertThat(formatter.label("x")).isEqualTo("label:x:2");
    assertThat(ofLabelCacheMethod.name()).isEqualTo("Formatter.labelCache");
    assertThat(ofLabelMethod.name()).isEqualTo("Formatter.label");
    assertThat(formatter.labelCache()).isEqualTo("labelCache:1");
  }

  @Test
  void parametersNamedLikeGeneratedMembersWork() {
    assertThat(formatter.join("k", "r", 3)).isEqualTo(formatter.join("k", "r", 3));
    assertThat(formatter.join("k", "r", 4)).isNotEqualTo(formatter.join("k", "r", 3));
    assertThat(formatter.keep("f")).isEqualTo(formatter.keep("f"));
    assertThat(calls.get()).isEqualTo(3);
    assertThat(new TieredFormatter.JoinKey("k", "r", 3).hashCodeValue()).isEqualTo(3);
  }

  @Test
  void nestedInterfaceGetsAnUnderscoredProxyAndMethodLevelSettings() {
    TieredOuter_Inner inner = new TieredOuter_Inner(new Outer.Inner() {
      @Override
      public String cached(String key) {
        return key + calls.incrementAndGet();
      }

      @Override
      public String uncached(String key) {
        return key + calls.incrementAndGet();
      }
    }, runtime);

    assertThat(inner.cached("a")).isEqualTo(inner.cached("a"));
    assertThat(inner.uncached("a")).isNotEqualTo(inner.uncached("a"));
    assertThat(inner.caches()).containsExactly(inner.cachedCache());
    assertThat(inner.cachedCache().name()).isEqualTo("inner-cached");
  }
}
