package io.tiered.it;

import io.tiered.Bulk;
import io.tiered.Fallback;
import io.tiered.RefreshAfter;
import io.tiered.Tiered;
import java.util.Map;
import java.util.Set;

/**
 * {@link Versions} with a bulk read sharing the cache of {@code version(int)}: bulk and single-key
 * reads race the writes and refreshes in a stress test.
 */
@Tiered(ttl = "5m")
@Fallback(tier = "shared")
@RefreshAfter("1ms")
public interface BulkVersions extends Versions {

  /** The current version of each key. */
  @Bulk
  @Tiered(name = "BulkVersions.version")
  Map<Integer, Long> versions(Set<Integer> keys);
}
