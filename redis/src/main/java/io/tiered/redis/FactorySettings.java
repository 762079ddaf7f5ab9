package io.tiered.redis;

import java.time.Duration;

/** A built factory's configuration, as its builder was told. */
record FactorySettings(String prefix, Duration commandTimeout, Duration skipAfterTimeout,
    KeyJson keys, Codec codec, Duration leaseMaxWait, Duration leaseTime) {}
