package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the results of a service interface's methods in an in-process first tier (L1).
 *
 * <p>On an interface, every abstract method that returns a value is cached; on a method, only
 * that method is. An interface is processed when it, or any of its methods, carries
 * {@code @Tiered}. For {@code com.acme.PriceService} the processor generates
 * {@code com.acme.TieredPriceService}, a proxy that implements the interface:
 *
 * <pre>{@code
 * @Tiered(maximumSize = 50_000, ttl = "10m")
 * public interface PriceService {
 *   Price price(String sku);
 * }
 *
 * PriceService cached = new TieredPriceService(origin, runtime);
 * }</pre>
 *
 * <p>A method-level {@code @Tiered} overrides the type-level one attribute by attribute: an
 * attribute the method leaves at its default is taken from the interface.
 *
 * <p>Void methods, default methods and (without a type-level {@code @Tiered}) unannotated
 * methods pass straight through to the origin.
 *
 * <p>Retained at run time: the Spring Boot starter fails the start when a bean implements an
 * interface carrying {@code @Tiered} whose proxy was not generated, rather than run it uncached.
 */
@Documented
// Kept at run time so that a container can tell a bean of an annotated interface whose proxy was
// never generated (the processor did not run) from a bean nobody meant to cache, and fail loudly.
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Tiered {

  /**
   * {@return the cache's name in telemetry and in every tier's key space} Empty (the default)
   * means {@code InterfaceSimpleName.methodName}. On an interface, a non-empty name is a prefix:
   * {@code name.methodName}.
   */
  String name() default "";

  /**
   * {@return the most entries L1 holds for one method} The least valuable ones are evicted
   * first. Must be positive.
   */
  long maximumSize() default 10_000;

  /**
   * {@return how long an entry lives in L1 after it is written} As {@code "250ms"},
   * {@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "1d"} or ISO-8601 ({@code "PT30S"}).
   * Empty (the default) means entries do not expire; they are only evicted by size.
   */
  String ttl() default "";

  /**
   * {@return whether {@code null} results and {@code Optional.empty()} are cached} By default
   * they are not: each call that gets one goes to the origin again.
   */
  boolean cacheNulls() default false;

  /**
   * {@return how long a {@code null} or {@code Optional.empty()} result is cached, in every tier}
   * Negative caching: a key the origin has nothing for is asked again only after this long,
   * whatever {@link #cacheNulls()} says. Must not be longer than {@link #ttl()}. Empty (the
   * default) means as {@code cacheNulls} says: not cached, or cached like any value.
   */
  String nullTtl() default "";

  /**
   * {@return the largest share of each entry's ttl cut off at random, in every tier} As a
   * percentage above {@code "0%"} and at most {@code "50%"}, such as {@code "10%"} or
   * {@code "2.5%"}: an entry loaded with a ttl of 10 minutes under {@code "10%"} expires after 9
   * to 10 minutes, so keys loaded together (after a deployment, a cold start, a tag
   * invalidation) do not expire together across a fleet. Needs a {@link #ttl()}. Empty (the
   * default) means no jitter.
   */
  String jitter() default "";
}
