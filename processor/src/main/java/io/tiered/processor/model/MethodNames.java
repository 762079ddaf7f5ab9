package io.tiered.processor.model;

/**
 * The names generated for one cached method.
 *
 * @param cacheName its cache's name in telemetry and in every tier's key space
 * @param description the method as messages name it: {@code PriceService.quote(String, int)}
 * @param handle the proxy's field and accessor for its {@code TieredCache}
 * @param keyRecord the simple name of its key record, used when its key needs one
 */
public record MethodNames(String cacheName, String description, String handle, String keyRecord) {}
