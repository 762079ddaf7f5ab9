package io.tiered.spring;

import io.tiered.runtime.TierFactory;

/**
 * A tier the starter binds from properties. Names no Redis type, so that the runtime's
 * configuration can ask for one when {@code tiered-redis} and Lettuce are absent.
 */
interface TierBinding {

  /** {@return the {@code @Fallback} tier name} */
  String tier();

  /** {@return the factory bound under that name} */
  TierFactory factory();
}
