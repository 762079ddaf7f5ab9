package io.tiered.processor.model;

import io.tiered.processor.read.DurationParser;
import io.tiered.processor.read.EffectiveSettings;
import io.tiered.processor.read.FallbackAnnotation;
import io.tiered.processor.read.JitterParser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A cached method's validated settings.
 *
 * @param maximumSize the L1 bound
 * @param ttl the L1 expiry, if any
 * @param refreshAfter the refresh age, if any
 * @param cacheNulls whether null and {@code Optional.empty()} are cached
 * @param fallbacks the fallback tiers in lookup order
 * @param staleFor the {@code @StaleIfError} window, if any
 * @param softTimeout its soft timeout, if any
 * @param nullTtl how long null results are cached, if set
 * @param jitter the largest share of each entry's ttl cut off at random; 0 for none
 */
public record CacheSettings(
    long maximumSize,
    Optional<Duration> ttl,
    Optional<Duration> refreshAfter,
    boolean cacheNulls,
    List<FallbackSetting> fallbacks,
    Optional<Duration> staleFor,
    Optional<Duration> softTimeout,
    Optional<Duration> nullTtl,
    double jitter) {

  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  public CacheSettings {
    fallbacks = List.copyOf(fallbacks);
  }

  /** The settings {@code effective} stands for; its durations must already be validated. */
  public static CacheSettings of(EffectiveSettings effective) {
    return new CacheSettings(
        effective.maximumSize(),
        duration(effective.ttl()),
        effective.refresh().map(refresh -> duration(refresh.annotation().after()).orElseThrow()),
        effective.cacheNulls(),
        effective.fallbacks().stream().map(CacheSettings::fallback).toList(),
        effective.stale().flatMap(stale -> duration(stale.annotation().staleFor())),
        effective.stale().flatMap(stale -> duration(stale.annotation().softTimeout())),
        duration(effective.nullTtl()),
        effective.jitter().isEmpty() ? 0 : JitterParser.parse(effective.jitter()).orElseThrow());
  }

  private static FallbackSetting fallback(FallbackAnnotation fallback) {
    return new FallbackSetting(fallback.tier(), duration(fallback.ttl()), fallback.promote());
  }

  private static Optional<Duration> duration(String text) {
    return text.isEmpty()
        ? Optional.empty()
        : Optional.of(DurationParser.parse(text).orElseThrow());
  }
}
