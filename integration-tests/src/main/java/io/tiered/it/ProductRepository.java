package io.tiered.it;

import io.tiered.Tiered;

/** Caches the methods it inherits from {@link Repository}, resolved to its type arguments. */
@Tiered
public interface ProductRepository extends Repository<Long, Product> {

  int size();
}
