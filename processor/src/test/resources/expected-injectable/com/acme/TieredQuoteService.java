package com.acme;

import io.tiered.TieredOrigin;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Caches the methods of {@link QuoteService} as its annotations say.
 *
 * <p>Equality is identity, as for any wrapper.
 */
@Generated("io.tiered.processor.TieredProcessor")
@Singleton
public final class TieredQuoteService implements QuoteService, TieredProxy {
  private final QuoteService origin;

  private final TieredCache<String, Long> quoteCache;

  /**
   * Caches {@code origin}'s methods in the tiers of {@code runtime}.
   *
   * @throws IllegalStateException if a {@code @Fallback} tier is not bound in {@code runtime}
   */
  @Inject
  public TieredQuoteService(@TieredOrigin QuoteService origin, TieredRuntime runtime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.quoteCache = runtime.cache(
        CacheDefinition.<String, Long>builder("QuoteService.quote", String.class, Long.class)
          .method("QuoteService.quote(String)")
          .ttl(Duration.ofMinutes(10))
          .build(),
        origin::quote);
  }

  /**
   * Caches {@code origin}'s methods with {@link TieredRuntime#defaults()}:
   * the system clock, no listener and no fallback tiers.
   */
  public static TieredQuoteService wrap(QuoteService origin) {
    return new TieredQuoteService(origin, TieredRuntime.defaults());
  }

  @Override
  public long quote(String sku) {
    return quoteCache.get(sku);
  }

  @Override
  public void reprice(String sku) {
    origin.reprice(sku);
  }

  /**
   * The cache of {@code QuoteService.quote(String)}, named {@code "QuoteService.quote"}:
   * to evict a key after a write, or to put a value.
   */
  public TieredCache<String, Long> quoteCache() {
    return quoteCache;
  }

  @Override
  public List<TieredCache<?, ?>> caches() {
    return List.of(quoteCache);
  }

  @Override
  public String toString() {
    return "TieredQuoteService[" + origin + "]";
  }
}
