package io.tiered.runtime.internal;

import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.TieredRuntime;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the annotations say about one cached method, as generated proxies pass it to
 * {@link TieredRuntime#cache}. Validated when built, so a hand-written definition fails as early
 * as an annotated one does at compile time.
 *
 * @param name the cache's unique name ({@code PriceService.price})
 * @param method the method it caches, as error messages name it ({@code PriceService.price(String)})
 * @param keyType the key's generic type
 * @param valueType the cached value's generic type (for async methods, the completed value's)
 * @param maximumSize the most entries L1 holds
 * @param ttl how long an entry lives in L1; null for no expiry
 * @param refreshAfter the age after which a read schedules a background refresh; null for never
 * @param cacheNulls whether null and {@code Optional.empty()} results are cached
 * @param fallbacks the fallback tiers behind L1, in lookup order
 */
public record CacheDefinition<K, V>(
    String name,
    String method,
    Type keyType,
    Type valueType,
    long maximumSize,
    @Nullable Duration ttl,
    @Nullable Duration refreshAfter,
    boolean cacheNulls,
    List<FallbackDefinition> fallbacks) {

  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  public CacheDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    fallbacks = List.copyOf(fallbacks);
    if (name.isBlank()) {
      throw new IllegalArgumentException(method + ": the cache name must not be blank");
    }
    String subject = describe(name, method);
    if (maximumSize <= 0) {
      throw invalid(subject, "maximumSize must be positive, was " + maximumSize
          + "; write @Tiered(maximumSize = 10_000) or another positive bound");
    }
    requirePositive(subject, "ttl", ttl);
    requirePositive(subject, "refreshAfter", refreshAfter);
    if (refreshAfter != null && ttl != null && refreshAfter.compareTo(ttl) >= 0) {
      throw invalid(subject, "refreshAfter (" + refreshAfter + ") must be shorter than ttl (" + ttl
          + "); entries would expire before they are refreshed");
    }
    Set<String> tiers = new HashSet<>();
    for (FallbackDefinition fallback : fallbacks) {
      if (fallback.tier().isBlank() || fallback.tier().equals(CacheEvent.L1)) {
        throw invalid(subject, "fallback tier name '" + fallback.tier() + "' is blank or reserved;"
            + " name it, e.g. @Fallback(tier = \"shared\")");
      }
      if (!tiers.add(fallback.tier())) {
        throw invalid(subject, "fallback tier '" + fallback.tier() + "' is declared twice; remove one");
      }
      requirePositive(subject, "ttl of tier '" + fallback.tier() + "'", fallback.ttl());
    }
  }

  /** A builder for the cache {@code name} with the given key and value types. */
  public static <K, V> Builder<K, V> builder(String name, Type keyType, Type valueType) {
    return new Builder<>(name, keyType, valueType);
  }

  private static void requirePositive(String name, String what, @Nullable Duration duration) {
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw invalid(name, what + " must be positive, was " + duration);
    }
  }

  private static IllegalArgumentException invalid(String name, String message) {
    return new IllegalArgumentException(name + ": " + message);
  }

  /** The cache as messages name it: its name, and the method when that differs. */
  public String describe() {
    return describe(name, method);
  }

  private static String describe(String name, String method) {
    return method.equals(name) ? name : name + " (" + method + ")";
  }

  /** Builds a {@link CacheDefinition}; defaults match the annotations' defaults. */
  public static final class Builder<K, V> {
    private final String name;
    private String method;
    private final Type keyType;
    private final Type valueType;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;
    private @Nullable Duration ttl;
    private @Nullable Duration refreshAfter;
    private boolean cacheNulls;
    private final List<FallbackDefinition> fallbacks = new ArrayList<>();

    private Builder(String name, Type keyType, Type valueType) {
      this.name = name;
      this.method = name;
      this.keyType = keyType;
      this.valueType = valueType;
    }

    /** The cached method, as messages should name it; defaults to the cache name. */
    public Builder<K, V> method(String method) {
      this.method = method;
      return this;
    }

    public Builder<K, V> maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    public Builder<K, V> ttl(@Nullable Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    public Builder<K, V> refreshAfter(@Nullable Duration refreshAfter) {
      this.refreshAfter = refreshAfter;
      return this;
    }

    public Builder<K, V> cacheNulls(boolean cacheNulls) {
      this.cacheNulls = cacheNulls;
      return this;
    }

    /** Adds a fallback tier behind the ones added before it. */
    public Builder<K, V> fallback(String tier, @Nullable Duration ttl, boolean promote) {
      fallbacks.add(new FallbackDefinition(tier, ttl, promote));
      return this;
    }

    public CacheDefinition<K, V> build() {
      return new CacheDefinition<>(
          name, method, keyType, valueType, maximumSize, ttl, refreshAfter, cacheNulls, fallbacks);
    }
  }
}
