package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags every entry a cached method loads, so that one {@link InvalidateTag} (or
 * {@code TieredRuntime.invalidateTag}) makes every entry about one thing invalid, in every cache,
 * tier and instance, whatever their keys.
 *
 * <pre>{@code
 * @Tiered(ttl = "10m")
 * @Tag("catalog")                        // every cached method's entries carry "catalog"
 * public interface Products {
 *   @Tag("product:{sku}")                // price("sku-1")'s entry carries "product:sku-1"
 *   Price price(String sku);
 *
 *   @Tag("product:{item.sku}")           // an accessor path, as in @Invalidate's key
 *   Stock stock(Item item);
 *
 *   @InvalidateTag("product:{price.sku}") // after a normal return: both entries of that sku
 *   void save(Price price);
 * }
 * }</pre>
 *
 * <p>The {@link #value()} is a template: text, and placeholders in braces that are filled from
 * the call's arguments with {@code String.valueOf} of the path's value. A placeholder is a
 * parameter name, then zero or more {@code .component} (a record component or a no-arg method),
 * as in {@link Invalidate#key()}. A placeholder whose path meets null on its way ({@code item}
 * null in {@code {item.sku}}) names no tag: that tag is left out. A null at the end of a path is
 * written {@code "null"}. Tags are a function of the key: an asynchronous or reactive method is
 * tagged as a synchronous one is.
 *
 * <p>On a method, its entries carry the tag; on an interface, the entries of every cached method
 * carry it, besides their own tags, so every cached method must be able to fill its
 * placeholders. A {@link Bulk} method with a cache of its own fills a placeholder naming its
 * collection parameter with each key; one that shares a single-key method's cache takes that
 * method's tags, and may not carry {@code @Tag} itself.
 *
 * <p>Checked at compile time: a placeholder that names no parameter, a path that does not
 * resolve or ends in an array, unbalanced or empty braces, and {@code @Tag} on a method that is
 * not cached are errors saying what to write.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(Tag.List.class)
public @interface Tag {

  /**
   * {@return the tag's template} Text and {@code {path}} placeholders, such as
   * {@code "product:{sku}"}, {@code "product:{item.sku}"} or the constant {@code "catalog"}.
   * Braces only delimit placeholders.
   */
  String value();

  /** Holds repeated {@code @Tag}s; write {@code @Tag} twice instead of using this. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @interface List {
    /** {@return the repeated annotations, in declaration order} */
    Tag[] value();
  }
}
