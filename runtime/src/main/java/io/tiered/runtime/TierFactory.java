package io.tiered.runtime;

/**
 * Makes the tier that holds one cached method's entries. Bound to a {@code @Fallback} tier name
 * with {@link TieredRuntime.Builder#tier(String, TierFactory)}; called once per cached method
 * when a proxy is constructed.
 */
@FunctionalInterface
public interface TierFactory {

  /**
   * {@return a tier for the cache {@code spec} describes; never null} Called once for each cache
   * that declares this factory's tier name, so a factory serving several caches makes a tier for
   * each (a remote tier keeps their keys apart by {@link TierSpec#cacheName()}). An exception
   * thrown here fails the construction of the proxy.
   *
   * @param spec the cache's name, key and value types, ttl and size bound in this tier, clock and
   *     the callbacks the tier reports to
   * @param <K> the cache's key type
   * @param <V> the cache's value type
   */
  <K, V> CacheTier<K, V> create(TierSpec<K, V> spec);

  /**
   * Makes every entry carrying {@code tag} invalid in the tiers this factory made, on every
   * instance that shares them, before it returns: a shared tier from then on never returns an
   * entry written by a load or put that began before (see {@link TierSpec#tags()}), and tells the
   * other instances (their {@link TierSpec.Upstream#invalidateTag}). When the shared store cannot
   * be reached, the factory keeps the invalidation and replays it once it can, and its tiers meanwhile
   * return no entry carrying the tag. {@link TieredRuntime#invalidateTag} calls it once per factory
   * bound in the runtime. Nothing by default: in-process tiers hold entries the engine checks.
   *
   * @param tag the tag to invalidate
   */
  default void invalidateTag(String tag) {}
}
