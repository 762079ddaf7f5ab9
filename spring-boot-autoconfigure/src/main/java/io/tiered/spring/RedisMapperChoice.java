package io.tiered.spring;

import io.tiered.redis.RedisTiers;

/**
 * Which mapper Tiered's Redis tier encodes keys and values with: the application's Jackson 3
 * {@code JsonMapper} bean, when it has one (so its modules and mix-ins apply to cached values),
 * else the tier's default. A bean of its own, so that the Redis configuration names no Jackson
 * type, and an application without Jackson 3 still starts.
 */
@FunctionalInterface
interface RedisMapperChoice {

  /** {@return {@code builder}, told which mapper to use} */
  RedisTiers.Builder applyTo(RedisTiers.Builder builder);
}
