/**
 * Spring Boot auto-configuration for Tiered: a {@link io.tiered.runtime.TieredRuntime} bean with
 * every {@link io.tiered.runtime.TierFactory} bean (and Redis, when {@code tiered.redis.tier} is
 * set) bound as a tier, generated proxies wrapped around the beans whose interfaces have one,
 * Micrometer meters and the Actuator endpoint {@code tiered}.
 */
@NullMarked
package io.tiered.spring;

import org.jspecify.annotations.NullMarked;
