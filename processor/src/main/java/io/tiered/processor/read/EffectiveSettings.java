package io.tiered.processor.read;

import java.util.List;
import java.util.Optional;

/**
 * The settings in force for one cached method, after method-level annotations override the
 * interface's: {@code @Tiered} attribute by attribute, {@code @Fallback} and
 * {@code @RefreshAfter} wholesale. Values are unparsed; the validator checks them.
 *
 * @param name the method-level {@code @Tiered.name}, or empty
 * @param prefix the type-level {@code @Tiered.name}, or empty
 * @param maximumSize the L1 bound
 * @param ttl the L1 ttl, unparsed; empty for none
 * @param ttlSource the annotation the ttl comes from, if one sets it
 * @param cacheNulls whether null and {@code Optional.empty()} are cached
 * @param refresh the {@code @RefreshAfter} in force, with the element carrying it
 * @param fallbacks the {@code @Fallback}s in force, in declaration order
 */
public record EffectiveSettings(
    String name,
    String prefix,
    long maximumSize,
    String ttl,
    Optional<Sourced<TieredAnnotation>> ttlSource,
    boolean cacheNulls,
    Optional<Sourced<RefreshAnnotation>> refresh,
    List<FallbackAnnotation> fallbacks) {

  public EffectiveSettings {
    fallbacks = List.copyOf(fallbacks);
  }
}
