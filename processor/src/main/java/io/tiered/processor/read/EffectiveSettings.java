package io.tiered.processor.read;

import java.util.List;
import java.util.Optional;

/**
 * The settings in force for one cached method, after method-level annotations override the
 * interface's: {@code @Tiered} attribute by attribute, {@code @Fallback} and
 * {@code @RefreshAfter} and {@code @StaleIfError} wholesale. Values are unparsed; the validator checks them.
 *
 * @param name the method-level {@code @Tiered.name}, or empty
 * @param prefix the type-level {@code @Tiered.name}, or empty
 * @param maximumSize the L1 bound
 * @param ttl the L1 ttl, unparsed; empty for none
 * @param ttlSource the annotation the ttl comes from, if one sets it
 * @param cacheNulls whether null and {@code Optional.empty()} are cached
 * @param refresh the {@code @RefreshAfter} in force, with the element carrying it
 * @param fallbacks the {@code @Fallback}s in force, in declaration order
 * @param nullTtl the ttl of null results, unparsed; empty for none
 * @param nullTtlSource the annotation the {@code nullTtl} comes from, if one sets it
 * @param stale the {@code @StaleIfError} in force, with the element carrying it
 * @param jitter the ttl's jitter, unparsed ({@code "10%"}); empty for none
 * @param jitterSource the annotation the jitter comes from, if one sets it
 */
public record EffectiveSettings(
    String name,
    String prefix,
    long maximumSize,
    String ttl,
    Optional<Sourced<TieredAnnotation>> ttlSource,
    boolean cacheNulls,
    Optional<Sourced<RefreshAnnotation>> refresh,
    List<FallbackAnnotation> fallbacks,
    String nullTtl,
    Optional<Sourced<TieredAnnotation>> nullTtlSource,
    Optional<Sourced<StaleAnnotation>> stale,
    String jitter,
    Optional<Sourced<TieredAnnotation>> jitterSource) {

  public EffectiveSettings {
    fallbacks = List.copyOf(fallbacks);
  }
}
