package io.tiered.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tiered.runtime.CacheEvent;
import org.jspecify.annotations.Nullable;

/** Every meter {@link TieredMetrics} records into, and which event feeds which. */
enum CacheMeter {
  GET_HIT(Names.GETS, "result", "hit"),
  GET_MISS(Names.GETS, "result", "miss"),
  PUT(Names.PUTS, null, null),
  EVICTION(Names.EVICTIONS, null, null),
  INSERT_REJECTED(Names.INSERT_REJECTED, null, null),
  GET_ERROR(Names.ERRORS, "operation", "get"),
  PUT_ERROR(Names.ERRORS, "operation", "put"),
  INVALIDATE_ERROR(Names.ERRORS, "operation", "invalidate"),
  CLEAR_ERROR(Names.ERRORS, "operation", "clear"),
  REFRESH_SUCCESS(Names.REFRESHES, "result", "success"),
  REFRESH_FAILURE(Names.REFRESHES, "result", "failure"),
  LOAD_SUCCESS(Names.LOADS, "result", "success"),
  LOAD_FAILURE(Names.LOADS, "result", "failure"),
  COALESCED_WAIT(Names.COALESCED_WAITS, null, null);

  static final int COUNT = values().length;

  private final Names name;
  private final @Nullable String tagKey;
  private final @Nullable String tagValue;

  CacheMeter(Names name, @Nullable String tagKey, @Nullable String tagValue) {
    this.name = name;
    this.tagKey = tagKey;
    this.tagValue = tagValue;
  }

  /** The meter an event counts in, or null for events that are not metered (invalidations). */
  static @Nullable CacheMeter of(CacheEvent event) {
    return switch (event.kind()) {
      case HIT -> GET_HIT;
      case MISS -> GET_MISS;
      // Request id 0 marks events no call caused: the tier dropped the entry on its own. With a
      // request id, a read found the entry expired, which for the caller is a miss.
      case EXPIRED -> event.requestId() == 0 ? EVICTION : GET_MISS;
      case EVICTED -> EVICTION;
      case INSERTED -> PUT;
      case INSERT_REJECTED -> INSERT_REJECTED;
      case ERROR -> switch (event.operation()) {
        case GET -> GET_ERROR;
        case PUT -> PUT_ERROR;
        case INVALIDATE -> INVALIDATE_ERROR;
        case CLEAR -> CLEAR_ERROR;
        case null -> throw new IllegalArgumentException("an ERROR event without its operation");
      };
      case REFRESH_HIT -> REFRESH_SUCCESS;
      case REFRESH_MISS -> REFRESH_FAILURE;
      // A coalesced caller did not load: counting it as a load would double the origin's calls.
      case LOADED -> event.coalesced() ? COALESCED_WAIT : LOAD_SUCCESS;
      case LOAD_FAILED -> event.coalesced() ? COALESCED_WAIT : LOAD_FAILURE;
      case INVALIDATED -> null;
    };
  }

  /** Registers (or finds, the registry deduplicates) this meter for one cache and tier. */
  Meter register(MeterRegistry registry, Tags cacheAndTier) {
    Tags tags = tagKey == null ? cacheAndTier : cacheAndTier.and(tagKey, tagValue);
    if (name.timed) {
      return Timer.builder(name.meterName).tags(tags).description(name.description)
          .register(registry);
    }
    return Counter.builder(name.meterName).tags(tags).description(name.description)
        .register(registry);
  }

  /** Names and descriptions: one description per name, as registries such as Prometheus want. */
  private enum Names {
    GETS("cache.gets", false, "Reads of the tier: result=hit found a fresh entry,"
        + " result=miss found none or an expired one"),
    PUTS("cache.puts", false, "Values written to the tier"),
    EVICTIONS("cache.evictions", false,
        "Entries the tier dropped on its own, to respect its size bound or because they expired"),
    INSERT_REJECTED("cache.insert.rejected", false,
        "Writes to the tier that the runtime's InsertPolicy refused"),
    ERRORS("cache.errors", false, "Tier operations that threw, by operation=get|put|invalidate|"
        + "clear; a failed get counts as a miss for the caller"),
    REFRESHES("cache.refreshes", false,
        "Background refreshes; tier is where the new value came from (origin for failures)"),
    LOADS("cache.loads", true, "Origin calls, timed; failures reached the caller"),
    COALESCED_WAITS("cache.coalesced.waits", false,
        "Calls that waited for a load another call had started, instead of calling the origin");

    final String meterName;
    final boolean timed;
    final String description;

    Names(String meterName, boolean timed, String description) {
      this.meterName = meterName;
      this.timed = timed;
      this.description = description;
    }
  }
}
