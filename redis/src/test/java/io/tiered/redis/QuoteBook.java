package io.tiered.redis;

import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.Tiered;
import java.util.List;

/** A service whose writes are declared, for instances sharing Redis through generated proxies. */
@Tiered(ttl = "5m")
@Fallback(tier = Instance.SHARED, ttl = "5m")
interface QuoteBook {

  String quote(String sku);

  @Invalidate("quote")
  void update(String sku);

  @Invalidate("quote")
  void updateAll(List<String> skus);
}
