package io.tiered.processor.model;

import java.time.Duration;
import java.util.Optional;

/**
 * One fallback tier of a cached method.
 *
 * @param tier the name it is bound under
 * @param ttl its expiry, if any
 * @param promote whether its hits are copied into L1
 */
public record FallbackSetting(String tier, Optional<Duration> ttl, boolean promote) {}
