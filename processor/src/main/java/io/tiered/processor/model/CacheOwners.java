package io.tiered.processor.model;

import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cached method builds each cache: of the methods sharing a cache name (only {@code @Bulk}
 * ones may), the single-key one if any, else the first. Its annotations configure the cache.
 */
public final class CacheOwners {
  private CacheOwners() {}

  /** The owner of each of {@code declaration}'s cached methods' caches, in their order. */
  public static List<MethodDeclaration> of(InterfaceDeclaration declaration) {
    List<MethodDeclaration> cached = declaration.cachedMethods();
    List<MethodNames> names = MethodNaming.assign(declaration);
    Map<String, MethodDeclaration> owners = new HashMap<>();
    for (int i = 0; i < cached.size(); i++) {
      if (cached.get(i).bulk().isEmpty()) {
        owners.putIfAbsent(names.get(i).cacheName(), cached.get(i));
      }
    }
    for (int i = 0; i < cached.size(); i++) {
      owners.putIfAbsent(names.get(i).cacheName(), cached.get(i));
    }
    return names.stream().map(name -> owners.get(name.cacheName())).toList();
  }
}
