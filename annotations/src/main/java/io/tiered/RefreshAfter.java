package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refreshes L1 entries in the background once they are older than the given duration
 * (stale-while-revalidate).
 *
 * <p>A call that finds an entry older than this still gets it at once; one background refresh
 * per key reloads it through the rest of the chain (fallback tiers, then the origin) on a
 * virtual thread. A refresh that fails keeps the old value, which is served until it expires.
 * The duration must be shorter than {@link Tiered#ttl()} when a ttl is set.
 *
 * <pre>{@code
 * @Tiered(ttl = "10m")
 * @RefreshAfter("1m")
 * Price price(String sku);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RefreshAfter {

  /**
   * {@return the age after which an entry is refreshed} As {@code "30s"}, {@code "5m"},
   * {@code "PT30S"}, ...
   */
  String value();
}
