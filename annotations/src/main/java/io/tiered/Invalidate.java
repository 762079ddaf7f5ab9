package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write: once the origin's method returned normally, the generated proxy evicts the keys
 * it names from a cached method of the same interface, in every tier and on every instance, as
 * {@code TieredCache.invalidate} does. An exception leaves every tier as it was.
 *
 * <pre>{@code
 * @Tiered
 * public interface PriceService {
 *   Price price(String sku);
 *
 *   @Invalidate("price")                             // evicts price(sku)
 *   void update(String sku, Price price);
 *
 *   @Invalidate(value = "price", key = "price.sku")  // the key from an accessor path
 *   void save(Price price);
 *
 *   @Invalidate("price")                             // each element: one batch
 *   void updateAll(Set<String> skus);
 *
 *   @Invalidate(value = "price", all = true)         // every key of price(...)
 *   void reprice();
 * }
 * }</pre>
 *
 * <p>The key is checked at compile time. With {@link #key()} empty, each parameter of the target
 * is taken from the parameter of the same name, whose type must be assignable to it; a
 * one-parameter target may also take the only parameter of an assignable type, or every element
 * of the only {@code Iterable} or array parameter of an assignable element type. Anything that
 * does not resolve is a compile error saying what to write.
 *
 * <p>The method is never cached, even under a type-level {@link Tiered}. Several
 * {@code @Invalidate}s on one method all run, in declaration order. A method returning a
 * {@code CompletableFuture} or {@code CompletionStage} evicts when its future completes normally,
 * and the future the proxy returns completes after the eviction.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@Repeatable(Invalidate.List.class)
public @interface Invalidate {

  /**
   * {@return the cached method whose entries to evict} Its name ({@code "price"}), or its name and
   * parameter types ({@code "price(String)"}) when it is overloaded.
   */
  String value();

  /**
   * {@return where the key comes from} Empty (the default): from the parameters, as the type's
   * documentation says. Otherwise one accessor path per parameter of the target, comma-separated:
   * a parameter name, then zero or more {@code .component} (a record component or a no-arg
   * method), such as {@code "order.sku, order.quantity"}.
   */
  String key() default "";

  /** {@return whether to evict every key of the target} Then {@link #key()} must be empty. */
  boolean all() default false;

  /** Holds repeated {@code @Invalidate}s; write {@code @Invalidate} twice instead of using this. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.METHOD)
  @interface List {
    /** {@return the repeated annotations, in declaration order} */
    Invalidate[] value();
  }
}
