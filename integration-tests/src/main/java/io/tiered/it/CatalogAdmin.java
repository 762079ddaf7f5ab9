package io.tiered.it;

import io.tiered.InvalidateTag;
import io.tiered.Tiered;

/**
 * Writes only: its proxy caches nothing, and invalidates tags that {@link TaggedCatalog}'s entries
 * carry, as any interface of the same runtime may.
 */
@Tiered
public interface CatalogAdmin {
  @InvalidateTag("product:{sku}")
  void discontinue(String sku);
}
