package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write: once the origin's method returned normally, the generated proxy makes every
 * entry carrying the tag invalid, in every cache, tier and instance, as
 * {@code TieredRuntime.invalidateTag} does. An exception leaves every tier as it was.
 *
 * <pre>{@code
 * @Tiered(ttl = "10m")
 * public interface Products {
 *   @Tag("product:{sku}")
 *   Price price(String sku);
 *
 *   @Tag("product:{item.sku}")
 *   Stock stock(Item item);
 *
 *   @InvalidateTag("product:{price.sku}")  // price(sku) and stock(item) of that sku
 *   void save(Price price);
 *
 *   @InvalidateTag("catalog")              // a constant tag
 *   CompletableFuture<Void> reload();
 * }
 * }</pre>
 *
 * <p>The {@link #value()} is a template as {@link Tag}'s, its placeholders filled from this
 * method's parameters by the same rules: a parameter name, then zero or more
 * {@code .component}, {@code String.valueOf} of the value; a path that meets null on its way names
 * no tag, and that invalidation is skipped. Checked at compile time.
 *
 * <p>The method is never cached, even under a type-level {@link Tiered} (a method-level
 * {@code @Tiered} on it is an error). Several {@code @InvalidateTag}s on one method all run, in
 * declaration order, before its {@link Invalidate}s and {@link Put} (so that a value it puts is
 * written after the tags are invalidated). A method returning a
 * {@code CompletableFuture} or {@code CompletionStage} invalidates when its future completes
 * normally, and the future the proxy returns completes after; a {@code Mono} when it completes
 * normally, before the returned {@code Mono} completes (and, its outcome unknown, when its
 * subscriber cancels). The tag reaches the caches of every interface of the runtime, not only
 * this one's: an interface of such writes only is annotated {@link Tiered} on the type, which
 * gives it a proxy that caches nothing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@Repeatable(InvalidateTag.List.class)
public @interface InvalidateTag {

  /**
   * {@return the tag's template} Text and {@code {path}} placeholders over this method's
   * parameters, such as {@code "product:{price.sku}"}, or a constant such as {@code "catalog"}.
   */
  String value();

  /**
   * Holds repeated {@code @InvalidateTag}s; write {@code @InvalidateTag} twice instead of using
   * this.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.METHOD)
  @interface List {
    /** {@return the repeated annotations, in declaration order} */
    InvalidateTag[] value();
  }
}
