/**
 * A shared Redis fallback tier for Tiered caches, on Lettuce, with Jackson codecs and
 * cross-instance L1 invalidation.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://cache.internal:6379");
 * try (RedisTierFactory shared = RedisTiers.factory(client);
 *     TieredRuntime runtime = TieredRuntime.builder().tier("shared", shared).build()) {
 *   PriceService prices = new TieredPriceService(origin, runtime);
 * }
 * client.shutdown();
 * }</pre>
 *
 * <h2>Keys</h2>
 *
 * Each entry lives under {@code <prefix>:<cacheName>:<encoded key>}, for example
 * {@code tiered:PriceService.price:"sku-1"}. The encoded key is the canonical JSON of the key,
 * written by a copy of the factory's Jackson mapper for the key's generated type: a string as a
 * JSON string, a number as a JSON number, a multi-parameter key record as an object with its
 * components sorted by name ({@code {"quantity":2,"sku":"a"}}), a bean (such as Spring Data's
 * {@code PageRequest}) likewise with its properties sorted by name, map entries sorted by key,
 * enums by name, {@code java.time} values as ISO-8601 strings, and the constant key of a method
 * without parameters ({@link io.tiered.runtime.NoKey}) as {@code "INSTANCE"}. The encoding depends
 * only on the key's value and type, never on the JVM (the order in which reflection lists a
 * class's members differs with class data sharing on or off) nor on whether the instance uses
 * Jackson 2 or Jackson 3, so every instance and every restart finds the same entry. A
 * {@code @JsonPropertyOrder} on a key class still decides its order. Keys containing unordered
 * sets ({@code HashSet}) may encode in more than one way; use sorted sets in keys. In the cache
 * name, {@code %} and {@code :} are written as {@code %25} and {@code %3A} so that no cache's keys
 * fall in another's namespace.
 *
 * <h2>Values</h2>
 *
 * Values are written by a {@link io.tiered.redis.Codec}; the default one writes JSON with Jackson
 * 3 or Jackson 2 (whichever is on the class path, Jackson 3 first; both write the same format),
 * typed by the value type the annotation processor generated (such as {@code List<Price>}), and
 * keeps the entry's cached-at instant and ttl. The first write of each cache reads back what it
 * wrote: a value type the codec cannot read back (an interface without a creator, such as Spring
 * Data's {@code Page}) is logged once as a WARN with the fix and reported as a
 * {@link io.tiered.runtime.TierCodecException} (counted as a codec error), and that cache then
 * skips Redis on the instance. Redis expires each key ({@code SET ... PX}) when its entry's ttl
 * runs out. Java serialization is never used: data read from a network store must not be able to
 * instantiate arbitrary classes.
 *
 * <h2>Leases</h2>
 *
 * By default a miss takes a lease on the key ({@code SET key <lease> NX PX 10000 GET}; the lease
 * is a value that starts with {@code \0tiered-lease:}, which no codec may write), only the holder
 * calls its origin, and its value lands only while the key still holds its lease; other instances
 * poll the key until the value lands or {@code maxWait} passes. See
 * {@link io.tiered.redis.RedisTiers.Builder#leases(java.time.Duration)}. Needs Redis 7.0 or later.
 *
 * <h2>Tags</h2>
 *
 * Each tag has a token, 16 hex digits, in {@code <prefix>:%tag:<tag>} (no expiry); a tagged
 * cache stores {@code \0tiered-tags:<the tokens of the key's tags>:} before the codec's bytes, the
 * tokens as the load or put that wrote it began, and serves a value only while its key's tags
 * still have those tokens, read in the same round trip as the value.
 * {@link io.tiered.runtime.TierFactory#invalidateTag} sets a new token, then publishes
 * {@code {"instance":"…","tag":"…"}} on the invalidation channel. Untagged caches store what the
 * codec writes, as before.
 *
 * <h2>Redis Cluster</h2>
 *
 * {@link io.tiered.redis.RedisTiers#builder(io.lettuce.core.cluster.RedisClusterClient)} puts the
 * same keys on a cluster, spread over its slots; invalidations travel over sharded pub/sub on the
 * channels {@code <prefix>:invalidations:{0}} to {@code {7}}.
 *
 * <h2>Failures</h2>
 *
 * Every Redis command is bounded by the factory's command timeout; when Redis is disconnected,
 * commands fail at once. Failures surface as {@link io.tiered.redis.RedisTierException}, which the
 * cache engine reports as an {@code ERROR} event and treats as a miss (reads) or a skipped write.
 */
@NullMarked
package io.tiered.redis;

import org.jspecify.annotations.NullMarked;
