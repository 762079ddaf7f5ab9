package io.tiered.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one tier of one cache, each registered on first use. After that, recording is an
 * array read and an increment: no tag list is built and no registry lookup made per event.
 */
final class TierMeters {
  private final MeterRegistry registry;
  private final Tags tags;
  private final AtomicReferenceArray<Meter> meters = new AtomicReferenceArray<>(CacheMeter.COUNT);

  TierMeters(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  void record(CacheMeter kind, long durationNanos) {
    Meter meter = meter(kind);
    if (meter instanceof Timer timer) {
      timer.record(durationNanos, TimeUnit.NANOSECONDS);
    } else if (meter instanceof Counter counter) {
      counter.increment();
    }
  }

  Meter meter(CacheMeter kind) {
    Meter meter = meters.get(kind.ordinal());
    if (meter == null) {
      // Two threads may both register here; the registry hands both the same meter.
      meter = kind.register(registry, tags);
      meters.set(kind.ordinal(), meter);
    }
    return meter;
  }
}
