package io.tiered.benchmarks;

import io.tiered.Tiered;

/** A ttl short enough to watch expire, for the coarse ticker's precision. */
@Tiered(maximumSize = 1_000, ttl = "50ms")
public interface ShortTtlService {

  long load(String key);
}
