package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves an expired value for a bounded time when the origin fails (RFC 5861's
 * {@code stale-if-error}; fail-safe).
 *
 * <p>Every tier keeps an entry {@link #value()} longer than its ttl. A call after the ttl loads
 * as usual; if the load throws, the call gets the stale value instead of the exception. With
 * {@link #softTimeout()}, a load still running after that long answers the call with the stale
 * value at once, and goes on in the background: its result is cached. A stale value is never
 * served when a fresh one exists, nor after ttl + {@code value}; without one, calls get what they
 * would get without this annotation. Each stale answer is a {@code STALE_SERVED} event, counts in
 * {@code CacheStats.staleServed()} and logs a warning.
 *
 * <pre>{@code
 * @Tiered(ttl = "5m")
 * @StaleIfError(value = "1h", softTimeout = "200ms")
 * Price price(String sku);
 * }</pre>
 *
 * <p>A method-level {@code @StaleIfError} replaces the type-level one wholesale.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StaleIfError {

  /**
   * {@return how long past its ttl an entry may still be served when the origin fails} As
   * {@code "30s"}, {@code "5m"}, {@code "1h"}, {@code "PT1H"}, ... Needs a ttl.
   */
  String value();

  /**
   * {@return how long a call waits for a load when a stale value exists, in real time} Past it the
   * call gets the stale value and the load goes on in the background. Must be shorter than the
   * ttl. Empty (the default): calls wait for the load. At most 1,024 loads of one method run in
   * the background at once (an origin that hangs must not hold a thread per key): past that, a
   * load runs on its caller's thread, and that caller waits for it.
   */
  String softTimeout() default "";
}
