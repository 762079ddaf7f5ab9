package io.tiered.it;

import io.tiered.Fallback;
import io.tiered.Tiered;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Generic value types that a remote tier must be told in full, to pick a codec. */
@Tiered
@Fallback(tier = "shared")
public interface Inventory {

  List<Product> products(String category);

  Map<String, Set<Long>> stock(String warehouse);

  Product[] top(int count);
}
