package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds a named fallback tier behind L1, such as a Redis shared by every instance of a service.
 *
 * <p>On an L1 miss the fallback tiers are asked in declaration order, then the origin. A value
 * found in a fallback tier is copied into L1 unless {@link #promote()} is {@code false}; a
 * value loaded from the origin is written to every tier.
 *
 * <p>The tier is bound at runtime by name:
 *
 * <pre>{@code
 * @Tiered
 * @Fallback(tier = "shared", ttl = "1h")
 * public interface PriceService { ... }
 *
 * TieredRuntime runtime = TieredRuntime.builder()
 *     .tier("shared", RedisTiers.factory(client))
 *     .build();
 * }</pre>
 *
 * <p>Building a proxy whose tier name is not bound fails with a message naming the method and
 * the tier. Method-level {@code @Fallback}s replace the interface's wholesale.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(Fallback.List.class)
public @interface Fallback {

  /**
   * {@return the name the tier is bound to with
   * {@code TieredRuntime.Builder.tier(name, factory)}} Not blank.
   */
  String tier() default "shared";

  /**
   * {@return how long an entry lives in this tier after it is written} In the same format as
   * {@link Tiered#ttl()}. Empty (the default) means the tier keeps it until evicted.
   */
  String ttl() default "";

  /** {@return whether a value found in this tier is copied into L1} */
  boolean promote() default true;

  /** Holds repeated {@code @Fallback}s; write {@code @Fallback} twice instead of using this. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @interface List {
    /** {@return the repeated annotations, in declaration order} */
    Fallback[] value();
  }
}
