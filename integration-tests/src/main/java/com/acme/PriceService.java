package com.acme;

import io.tiered.Fallback;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The README's quick-start interface, compiled here so the README cannot drift from the code. */
@Tiered(maximumSize = 50_000, ttl = "10m")          // every value-returning method is cached in L1
@Fallback(tier = "shared", ttl = "1h")              // ...and in the tier bound as "shared"
public interface PriceService {

  @RefreshAfter("1m")                               // served at once when older; refreshed in the background
  Price price(String sku) throws IOException;       // checked exceptions reach the caller unchanged

  List<Price> quote(String sku, int quantity);      // two parameters: the key is a generated record

  Optional<Price> find(long id);                    // Optional.empty() is not cached (cacheNulls = false)

  CompletableFuture<Price> priceAsync(String sku);  // the completed value is cached; callers share one future

  void update(Price price);                         // void: passes straight through

  record Price(String sku, long cents) {}
}
