package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write whose result is the new value of a cached method's key: once the origin's method
 * returned normally, the generated proxy writes the returned value to every tier under the key,
 * as {@code TieredCache.put} does, so a later read is served without calling the origin. An
 * exception leaves every tier as it was. A put is not broadcast to other instances.
 *
 * <pre>{@code
 * @Tiered
 * public interface PriceService {
 *   Price price(String sku);
 *
 *   @Put("price")                                   // caches the result as price(sku)
 *   Price create(String sku, long cents);
 * }
 * }</pre>
 *
 * <p>The method must return a type the target's value type accepts (or a
 * {@code CompletableFuture}/{@code CompletionStage} of one, whose completed value is put); it is
 * never cached itself. The key follows the rules of {@link Invalidate}, except that it is always
 * one key.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Put {

  /**
   * {@return the cached method whose entry to write} Its name ({@code "price"}), or its name and
   * parameter types ({@code "price(String)"}) when it is overloaded.
   */
  String value();

  /**
   * {@return where the key comes from} Empty (the default): from the parameters, as for
   * {@link Invalidate#key()}; otherwise one accessor path per parameter of the target,
   * comma-separated.
   */
  String key() default "";
}
