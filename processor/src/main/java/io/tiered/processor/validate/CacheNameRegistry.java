package io.tiered.processor.validate;

import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.ProxyModel;
import io.tiered.processor.read.Descriptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cache names of the proxies written in one compilation. A cache name is its cache's key
 * space in every tier, so two interfaces with the same simple name in different packages or
 * outer types, whose methods default to the same names, would read each other's entries from a
 * shared tier such as Redis. The runtime cannot tell; the processor can, for the interfaces it
 * sees together, and warns.
 */
public final class CacheNameRegistry {
  private final Map<String, Owner> owners = new HashMap<>();

  /**
   * The method that first took a cache name, and its interface; named fully qualified, for simple
   * names are what collided.
   */
  private record Owner(String interfaceName, String method) {}

  /** Records the cache names of {@code proxy}, warning on each one another interface took. */
  public ValidationReport register(ProxyModel proxy) {
    ValidationReport.Builder report = ValidationReport.about(proxy.origin());
    String interfaceName = proxy.origin().getQualifiedName().toString();
    for (CachedMethod method : proxy.cachedMethods()) {
      String cacheName = method.names().cacheName();
      Owner owner =
          new Owner(interfaceName, Descriptions.method(interfaceName, method.element()));
      Owner first = owners.putIfAbsent(cacheName, owner);
      if (first != null && !first.interfaceName().equals(interfaceName)) {
        report.onElement(Message.CACHE_NAME_SHARED_ACROSS_INTERFACES, method.element(),
            Optional.empty(), cacheName, owner.method(), first.method());
      }
    }
    return report.build();
  }
}
