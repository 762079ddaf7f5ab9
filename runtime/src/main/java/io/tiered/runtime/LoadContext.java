package io.tiered.runtime;

/**
 * What one load (or batch of loads) runs for: the call it reports as, and whether it is a
 * background refresh, which renews L1 only and reports its outcome as a refresh.
 *
 * @param requestId the request id of the call that started it
 * @param refresh whether it refreshes values L1 holds stale
 */
record LoadContext(long requestId, boolean refresh) {}
