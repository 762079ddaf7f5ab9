package io.tiered.benchmarks;

import io.tiered.Tiered;

/** A service whose origin takes 20 ms: the miss-storm scenario. */
@Tiered
public interface SlowService {

  Price load(String key);
}
