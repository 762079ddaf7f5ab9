package io.tiered.spring;

import io.tiered.runtime.CacheStats;
import io.tiered.runtime.TierStats;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code tiered}: the statistics of every cache of every Tiered proxy bean,
 * per tier ({@code GET /actuator/tiered}), the invalidation of one cache, every key in every
 * tier ({@code POST /actuator/tiered/{cache}}), and of one tag, every entry carrying it in every
 * cache, tier and instance ({@code POST /actuator/tiered} with {@code {"tag": "product:sku-1"}}).
 *
 * <p>It reports the proxy beans created so far: the beans the starter wrapped (Spring Data
 * repositories and other {@code FactoryBean} objects included) and the proxies the application
 * defines itself; a lazy bean appears once it is first used.
 */
@Endpoint(id = "tiered")
public final class TieredEndpoint {
  private final ListableBeanFactory beans;

  /**
   * An endpoint over the proxy beans of {@code beans}.
   *
   * @param beans the application's bean factory, asked for {@code TieredProxy} beans on each call
   */
  public TieredEndpoint(ListableBeanFactory beans) {
    this.beans = beans;
  }

  /** {@return every proxy bean's caches, by bean name, each with its counters per tier} */
  @ReadOperation
  public ProxiesDescriptor proxies() {
    Map<String, ProxyDescriptor> proxies = new TreeMap<>();
    proxyBeans().forEach((name, proxy) -> proxies.put(name, ProxyDescriptor.of(proxy)));
    return new ProxiesDescriptor(proxies);
  }

  /**
   * Removes every entry of the cache named {@code cache} (such as {@code PriceService.price}) from
   * every tier, in every proxy bean that has it.
   *
   * @param cache the cache name, as the read operation lists it
   * @return the cache and the proxy beans it was invalidated in
   * @throws InvalidEndpointRequestException (a 400 over HTTP) when no proxy bean has that cache
   */
  @WriteOperation
  public InvalidatedDescriptor invalidate(@Selector String cache) {
    List<String> invalidated = new ArrayList<>();
    Set<String> known = new TreeSet<>();
    proxyBeans().forEach((name, proxy) -> {
      for (TieredCache<?, ?> each : proxy.caches()) {
        known.add(each.name());
        if (each.name().equals(cache)) {
          each.invalidateAll();
          invalidated.add(name);
        }
      }
    });
    if (invalidated.isEmpty()) {
      String unknown = "No Tiered cache is named '" + cache + "'; the caches are " + known;
      throw new InvalidEndpointRequestException(unknown, unknown);
    }
    return new InvalidatedDescriptor(cache, invalidated);
  }

  /**
   * Makes every entry carrying {@code tag} ({@code @Tag}) invalid in every cache and tier of each
   * {@link TieredRuntime} bean, and on every instance sharing their shared tiers: {@link
   * TieredRuntime#invalidateTag}. The tag travels in the request body, not the path, so that
   * tags with slashes need no escaping.
   *
   * @param tag the tag as {@code @Tag} fills it in, such as {@code product:sku-1}
   * @return the tag and the runtime beans it was invalidated in
   * @throws InvalidEndpointRequestException (a 400 over HTTP) when the tag is blank or the
   *     application has no {@code TieredRuntime} bean
   */
  @WriteOperation
  public TagInvalidatedDescriptor invalidateTag(String tag) {
    if (tag.isBlank()) {
      String blank = "The tag to invalidate is blank; send {\"tag\": \"product:sku-1\"}";
      throw new InvalidEndpointRequestException(blank, blank);
    }
    Map<String, TieredRuntime> runtimes =
        new TreeMap<>(beans.getBeansOfType(TieredRuntime.class, false, false));
    if (runtimes.isEmpty()) {
      String none = "No TieredRuntime bean to invalidate the tag '" + tag + "' in";
      throw new InvalidEndpointRequestException(none, none);
    }
    runtimes.values().forEach(runtime -> runtime.invalidateTag(tag));
    return new TagInvalidatedDescriptor(tag, List.copyOf(runtimes.keySet()));
  }

  /**
   * The proxies the starter wrapped beans in, and the proxy beans the application defines. The
   * first are kept by the post-processor: a {@code FactoryBean}'s object (a Spring Data repository)
   * is typed by the factory's {@code getObjectType()}, so a lookup by type never finds its proxy.
   */
  private Map<String, TieredProxy> proxyBeans() {
    Map<String, TieredProxy> proxies =
        new TreeMap<>(beans.getBeansOfType(TieredProxy.class, false, false));
    beans.getBeanProvider(TieredProxyPostProcessor.class)
        .ifAvailable(wrapper -> proxies.putAll(wrapper.wrappedSingletons()));
    return proxies;
  }

  /**
   * The response of {@link #proxies()}.
   *
   * @param proxies each proxy bean's caches, by bean name
   */
  public record ProxiesDescriptor(Map<String, ProxyDescriptor> proxies)
      implements OperationResponseBody {}

  /**
   * One proxy bean.
   *
   * @param interfaceName the service interface the proxy implements
   * @param caches its cached methods' caches, by cache name, in declaration order
   */
  public record ProxyDescriptor(String interfaceName, Map<String, CacheDescriptor> caches) {
    static ProxyDescriptor of(TieredProxy proxy) {
      String service = Arrays.stream(proxy.getClass().getInterfaces())
          .filter(iface -> iface != TieredProxy.class)
          .map(Class::getName)
          .findFirst()
          .orElse(proxy.getClass().getName());
      Map<String, CacheDescriptor> caches = new LinkedHashMap<>();
      proxy.caches().forEach(cache -> caches.put(cache.name(), CacheDescriptor.of(cache.stats())));
      return new ProxyDescriptor(service, caches);
    }
  }

  /**
   * One cache: calls, origin loads and refreshes, and each tier's counters (L1 first), as
   * {@link CacheStats} has them.
   *
   * @param requests calls through the cache
   * @param hitRate calls answered by some tier, over all calls
   * @param loads origin calls that returned
   * @param loadFailures origin calls that threw
   * @param refreshes background refreshes that stored a new value
   * @param originRefreshes the refreshes whose value came from the origin
   * @param refreshFailures background refreshes that failed
   * @param coalescedWaits calls that waited for another call's load
   * @param staleServed calls answered with a stale value ({@code @StaleIfError})
   * @param tiers each tier's counters, by tier name, L1 first
   */
  public record CacheDescriptor(long requests, double hitRate, long loads, long loadFailures,
      long refreshes, long originRefreshes, long refreshFailures, long coalescedWaits,
      long staleServed, Map<String, TierDescriptor> tiers) {
    static CacheDescriptor of(CacheStats stats) {
      Map<String, TierDescriptor> tiers = new LinkedHashMap<>();
      stats.tiers().forEach(tier -> tiers.put(tier.tier(), TierDescriptor.of(tier)));
      return new CacheDescriptor(stats.requests(), stats.hitRate(), stats.loads(),
          stats.loadFailures(), stats.refreshes(), stats.originRefreshes(),
          stats.refreshFailures(), stats.coalescedWaits(), stats.staleServed(), tiers);
    }
  }

  /**
   * One tier of one cache, as {@link TierStats} has it.
   *
   * @param hits reads that found a fresh entry
   * @param misses reads that found none (expired and failed reads included)
   * @param hitRate hits over reads
   * @param inserts values written
   * @param insertsRejected writes the insert policy refused
   * @param evictions entries the tier dropped on its own
   * @param refreshes refreshes whose new value came from this tier
   * @param errors tier operations that threw
   * @param size entries held; null where the tier does not know
   */
  public record TierDescriptor(long hits, long misses, double hitRate, long inserts,
      long insertsRejected, long evictions, long refreshes, long errors, @Nullable Long size) {
    static TierDescriptor of(TierStats tier) {
      return new TierDescriptor(tier.hits(), tier.misses(), tier.hitRate(), tier.inserts(),
          tier.insertsRejected(), tier.evictions(), tier.refreshes(), tier.errors(),
          tier.size().isPresent() ? tier.size().getAsLong() : null);
    }
  }

  /**
   * The response of {@link #invalidate}.
   *
   * @param cache the invalidated cache's name
   * @param beans the proxy beans it was invalidated in
   */
  public record InvalidatedDescriptor(String cache, List<String> beans)
      implements OperationResponseBody {}

  /**
   * The response of {@link #invalidateTag}.
   *
   * @param tag the invalidated tag
   * @param runtimes the runtime beans it was invalidated in
   */
  public record TagInvalidatedDescriptor(String tag, List<String> runtimes)
      implements OperationResponseBody {}
}
