package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * Where a write finds its target's key among its own parameters.
 *
 * @param expressions one Java expression per parameter of the target, over the write's
 *     parameters ({@code "price.sku()"}); for a batch, over {@link Batch#element()}; empty for
 *     {@code all = true}
 * @param guards the expressions an accessor path goes through ({@code "order"} for
 *     {@code "order.sku()"}): when one is null there is no key, and the write skips the step
 * @param batch the {@code Iterable} or array parameter each of whose elements is a key, if any
 */
public record WriteKey(List<String> expressions, List<String> guards, Optional<Batch> batch) {

  public WriteKey {
    expressions = List.copyOf(expressions);
    guards = List.copyOf(guards);
  }

  /** A key that goes through no accessor path. */
  public WriteKey(List<String> expressions, Optional<Batch> batch) {
    this(expressions, List.of(), batch);
  }

  /** Every key of the target. */
  public static WriteKey all() {
    return new WriteKey(List.of(), Optional.empty());
  }

  /**
   * A parameter whose elements are keys.
   *
   * @param parameter its name
   * @param element the name of the loop variable the key expressions use
   * @param elementType the loop variable's type: the target parameter's
   * @param passedAsIs whether it can be handed to {@code invalidateAll} unchanged: an
   *     {@code Iterable} of the target's own key type
   */
  public record Batch(String parameter, String element, TypeName elementType, boolean passedAsIs) {}
}
