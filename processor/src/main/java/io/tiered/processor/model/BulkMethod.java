package io.tiered.processor.model;

import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Bulk} method: answered key by key from a cache, its own or one it shares.
 *
 * @param element the interface method
 * @param names its own names: its handle, and the field of its bulk reads
 * @param cache the cache of its keys: its own (see {@code ownsCache}), or that of the method whose
 *     cache name it shares
 * @param shape its signature
 * @param ownsCache whether the proxy builds {@code cache} for this method, with the bulk origin
 *     answering single keys too; false when it shares the cache another method builds
 */
public record BulkMethod(
    ExecutableElement element,
    MethodNames names,
    CachedMethod cache,
    BulkShape shape,
    boolean ownsCache) implements ProxyMethod {

  /** The proxy's field holding its {@code BulkCache}: the handle's name, with {@code Bulk}. */
  public String bulkField() {
    return names.handle().replaceFirst("Cache(\\d*)$", "Bulk$1");
  }
}
