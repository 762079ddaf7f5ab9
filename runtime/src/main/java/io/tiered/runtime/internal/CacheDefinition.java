package io.tiered.runtime.internal;

import io.tiered.runtime.KeyTags;
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
 * {@code TieredRuntime.cache}. Validated when built, so a hand-written definition fails as early
 * as an annotated one does at compile time.
 *
 * @param name the cache's unique name ({@code PriceService.price})
 * @param method the method it caches, as error messages name it
 *     ({@code PriceService.price(String)})
 * @param keyType the key's generic type
 * @param valueType the cached value's generic type (for async methods, the completed value's)
 * @param maximumSize the most entries L1 holds
 * @param ttl how long an entry lives in L1; null for no expiry
 * @param refreshAfter the age after which a read schedules a background refresh; null for never
 * @param cacheNulls whether null and {@code Optional.empty()} results are cached
 * @param fallbacks the fallback tiers behind L1, in lookup order
 * @param failSafe how long entries are kept past their ttl to be served when the origin fails
 *     ({@code @StaleIfError}); null for never
 * @param nullTtl how long null and {@code Optional.empty()} results are cached in every tier,
 *     whatever {@code cacheNulls} says; null to follow {@code cacheNulls}
 * @param tags the tags each key's entries carry ({@code @Tag}); {@link KeyTags#none()} for none
 * @param jitter the largest share of each entry's ttl, in every tier, cut off at random so that
 *     keys loaded together do not expire together ({@code @Tiered(jitter = "10%")} is 0.1);
 *     0 for none
 * @param <K> the key type
 * @param <V> the cached value type
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
    List<FallbackDefinition> fallbacks,
    @Nullable FailSafeDefinition failSafe,
    @Nullable Duration nullTtl,
    KeyTags<K> tags,
    double jitter) {

  /** The largest {@link #jitter}: past half the ttl, jitter would be a shorter ttl. */
  public static final double MAX_JITTER = 0.5;

  /** The L1 bound when none is given, as {@code @Tiered}'s default {@code maximumSize}. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  /**
   * Copies {@code fallbacks} and validates the definition.
   *
   * @throws IllegalArgumentException if {@code name} is blank, {@code maximumSize} not positive,
   *     a ttl or {@code refreshAfter} zero or negative, {@code refreshAfter} not shorter than
   *     {@code ttl}, or a fallback tier name blank, {@value TierNames#L1}, {@value TierNames#ORIGIN} or declared twice;
   *     or a stale window without a ttl, a soft timeout not shorter than the ttl, a
   *     {@code nullTtl} longer than it, or any of them zero or negative
   */
  public CacheDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(tags, "tags");
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
      if (TierNames.isBlankOrReserved(fallback.tier())) {
        throw invalid(subject, "fallback tier name '" + fallback.tier() + "' is blank or reserved;"
            + " name it, e.g. @Fallback(tier = \"shared\")");
      }
      if (!tiers.add(fallback.tier())) {
        throw invalid(subject, "fallback tier '" + fallback.tier() + "' is declared twice; remove one");
      }
      requirePositive(subject, "ttl of tier '" + fallback.tier() + "'", fallback.ttl());
    }
    checkFailSafe(subject, ttl, failSafe);
    checkJitter(subject, ttl, jitter);
    requirePositive(subject, "nullTtl", nullTtl);
    if (nullTtl != null && ttl != null && nullTtl.compareTo(ttl) > 0) {
      throw invalid(subject, "nullTtl (" + nullTtl + ") must not be longer than ttl (" + ttl
          + "); shorten it, e.g. @Tiered(nullTtl = \"30s\")");
    }
  }

  private static void checkJitter(String subject, @Nullable Duration ttl, double jitter) {
    if (jitter == 0) {
      return;
    }
    if (!(jitter > 0 && jitter <= MAX_JITTER)) {
      throw invalid(subject, "jitter must be a share of the ttl above 0% and at most 50%, was "
          + jitter * 100 + "%; write e.g. @Tiered(ttl = \"10m\", jitter = \"10%\")");
    }
    if (ttl == null) {
      throw invalid(subject, "jitter needs a ttl to shorten: entries that never expire cannot"
          + " expire together; add one, e.g. @Tiered(ttl = \"10m\", jitter = \"10%\")");
    }
  }

  private static void checkFailSafe(String subject, @Nullable Duration ttl,
      @Nullable FailSafeDefinition failSafe) {
    if (failSafe == null) {
      return;
    }
    requirePositive(subject, "the stale window of @StaleIfError", failSafe.staleFor());
    requirePositive(subject, "softTimeout", failSafe.softTimeout());
    if (ttl == null) {
      throw invalid(subject, "@StaleIfError needs a ttl: entries that never expire are never"
          + " stale; add one, e.g. @Tiered(ttl = \"5m\")");
    }
    if (failSafe.softTimeout() != null && failSafe.softTimeout().compareTo(ttl) >= 0) {
      throw invalid(subject, "softTimeout (" + failSafe.softTimeout() + ") must be shorter than"
          + " ttl (" + ttl + "); a call waits at most that long for a load, e.g."
          + " @StaleIfError(value = \"1h\", softTimeout = \"200ms\")");
    }
  }

  /**
   * {@return a builder for the cache {@code name}, with the annotations' defaults}
   *
   * @param name the cache's unique name, such as {@code PriceService.price}
   * @param keyType the key's generic type
   * @param valueType the cached value's generic type
   * @param <K> the key type
   * @param <V> the cached value type
   */
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

  /**
   * {@return the cache as messages name it: its name, then the method in parentheses when that
   * differs}
   */
  public String describe() {
    return describe(name, method);
  }

  private static String describe(String name, String method) {
    return method.equals(name) ? name : name + " (" + method + ")";
  }

  /**
   * Builds a {@link CacheDefinition}; defaults match the annotations' defaults.
   *
   * @param <K> the key type
   * @param <V> the cached value type
   */
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
    private @Nullable FailSafeDefinition failSafe;
    private @Nullable Duration nullTtl;
    private KeyTags<K> tags = KeyTags.none();
    private double jitter;

    private Builder(String name, Type keyType, Type valueType) {
      this.name = name;
      this.method = name;
      this.keyType = keyType;
      this.valueType = valueType;
    }

    /**
     * Sets the cached method, as messages should name it.
     *
     * @param method such as {@code PriceService.price(String)}; defaults to the cache name
     * @return this builder
     */
    public Builder<K, V> method(String method) {
      this.method = method;
      return this;
    }

    /**
     * Sets the most entries L1 holds.
     *
     * @param maximumSize positive; default {@value CacheDefinition#DEFAULT_MAXIMUM_SIZE}
     * @return this builder
     */
    public Builder<K, V> maximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * Sets how long an entry lives in L1.
     *
     * @param ttl positive, or null (the default) for no expiry
     * @return this builder
     */
    public Builder<K, V> ttl(@Nullable Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /**
     * Sets the age after which a read schedules a background refresh.
     *
     * @param refreshAfter positive and shorter than the ttl, or null (the default) for never
     * @return this builder
     */
    public Builder<K, V> refreshAfter(@Nullable Duration refreshAfter) {
      this.refreshAfter = refreshAfter;
      return this;
    }

    /**
     * Sets whether null and {@code Optional.empty()} results are cached.
     *
     * @param cacheNulls false by default
     * @return this builder
     */
    public Builder<K, V> cacheNulls(boolean cacheNulls) {
      this.cacheNulls = cacheNulls;
      return this;
    }

    /**
     * Adds a fallback tier behind the ones added before it.
     *
     * @param tier the name the tier is bound by in {@code TieredRuntime.Builder.tier}
     * @param ttl how long an entry lives in that tier; null for no expiry
     * @param promote whether its hits are copied into the tiers in front of it
     * @return this builder
     */
    public Builder<K, V> fallback(String tier, @Nullable Duration ttl, boolean promote) {
      fallbacks.add(new FallbackDefinition(tier, ttl, promote));
      return this;
    }

    /**
     * Keeps entries {@code staleFor} past their ttl in every tier, to serve them when a load fails
     * or passes {@code softTimeout}.
     *
     * @param staleFor positive; needs a ttl
     * @param softTimeout positive and shorter than the ttl, or null to wait for loads
     * @return this builder
     */
    public Builder<K, V> staleIfError(Duration staleFor, @Nullable Duration softTimeout) {
      this.failSafe = new FailSafeDefinition(staleFor, softTimeout);
      return this;
    }

    /**
     * Caches null and {@code Optional.empty()} results for {@code nullTtl} in every tier.
     *
     * @param nullTtl positive and not longer than the ttl, or null (the default) to follow
     *     {@link #cacheNulls}
     * @return this builder
     */
    public Builder<K, V> nullTtl(@Nullable Duration nullTtl) {
      this.nullTtl = nullTtl;
      return this;
    }

    /**
     * Tags each key's entries.
     *
     * @param tags the tags of a key's entries, such as {@code key -> List.of("product:" + key)}
     * @return this builder
     */
    public Builder<K, V> tags(KeyTags<K> tags) {
      this.tags = Objects.requireNonNull(tags, "tags");
      return this;
    }

    /**
     * Shortens each entry's ttl, in every tier, by a random share of it up to {@code jitter}.
     *
     * @param jitter above 0 and at most {@value CacheDefinition#MAX_JITTER}; 0 (the default) for
     *     none. Needs a ttl
     * @return this builder
     */
    public Builder<K, V> jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * {@return the definition}
     *
     * @throws IllegalArgumentException if a setting is invalid, naming the cache and the setting
     */
    public CacheDefinition<K, V> build() {
      return new CacheDefinition<>(
          name, method, keyType, valueType, maximumSize, ttl, refreshAfter, cacheNulls, fallbacks,
          failSafe, nullTtl, tags, jitter);
    }
  }
}
