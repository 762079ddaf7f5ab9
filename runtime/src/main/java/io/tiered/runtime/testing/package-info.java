/**
 * Test doubles for code that uses Tiered: a {@link io.tiered.runtime.testing.ManualClock} to move
 * time without sleeping, and a {@link io.tiered.runtime.testing.MockTier} that records calls and
 * injects failures and latency.
 */
@NullMarked
package io.tiered.runtime.testing;

import org.jspecify.annotations.NullMarked;
