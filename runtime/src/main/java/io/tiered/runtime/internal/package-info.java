/**
 * Internal: the types generated proxies pass to {@link io.tiered.runtime.TieredRuntime} (each
 * method's {@link io.tiered.runtime.internal.CacheDefinition}, its origin as a
 * {@link io.tiered.runtime.internal.Loader}, generic type literals from
 * {@link io.tiered.runtime.internal.Types}). Not for application code: they may change in any
 * release, together with the processor that writes the calls.
 */
@NullMarked
package io.tiered.runtime.internal;

import org.jspecify.annotations.NullMarked;
