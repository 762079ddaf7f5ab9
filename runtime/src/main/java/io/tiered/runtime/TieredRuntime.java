package io.tiered.runtime;

import io.tiered.runtime.internal.AsyncBulkLoader;
import io.tiered.runtime.internal.AsyncLoader;
import io.tiered.runtime.internal.BulkCache;
import io.tiered.runtime.internal.BulkLoader;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Loader;
import io.tiered.runtime.internal.TierNames;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Everything generated proxies share: the tiers bound to {@code @Fallback} names, the clock, the
 * telemetry listeners, the refresh executor and the insert policy.
 *
 * <pre>{@code
 * try (TieredRuntime runtime = TieredRuntime.builder()
 *     .tier("shared", Tiers.memory())
 *     .listener(event -> log(event))
 *     .build()) {
 *   PriceService prices = new TieredPriceService(origin, runtime);
 * }
 * }</pre>
 *
 * <p>Closing the runtime stops background refreshes (the default executor's virtual threads are
 * interrupted, and no new refresh is scheduled); the caches keep answering from their tiers and
 * the origin. Closing does not close the tiers' clients, which the caller owns.
 */
public final class TieredRuntime implements AutoCloseable {
  /** How many background refreshes run at once unless the builder says otherwise. */
  public static final int DEFAULT_REFRESH_CONCURRENCY = 64;

  private final InstantSource clock;
  private final RefreshScheduler refreshes;
  private final CacheAssembler assembler;
  private final boolean shared;
  /** This runtime's hold on production L1s' coarse ticker, taken by its first expiring cache. */
  private final CoarseTicker.Holder ticker;
  private final List<TierFactory> factories;
  private final TagRegistry tags;

  private TieredRuntime(Builder builder, boolean shared) {
    this.clock = builder.clock;
    this.tags = builder.tagRegistry;
    this.refreshes = new RefreshScheduler(builder.refreshExecutor, builder.refreshConcurrency,
        builder.instrumentation);
    this.assembler = new CacheAssembler(builder.tiers, clock, new Listeners(builder.listeners),
        builder.insertPolicy, refreshes, builder.instrumentation, tags);
    this.factories = List.copyOf(new LinkedHashSet<>(builder.tiers.values()));
    this.shared = shared;
    this.ticker = CoarseTicker.shared().holder(clock);
  }

  /**
   * {@return a new builder} It starts with the system clock, no fallback tier, no listener, a
   * virtual thread per refresh, {@value #DEFAULT_REFRESH_CONCURRENCY} refreshes at once, and
   * {@link InsertPolicy#ALWAYS}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the process-wide runtime that {@code TieredX.wrap(origin)} uses} It has the system
   * clock, no listener and no fallback tier bound (so only proxies of interfaces without
   * {@code @Fallback} have a {@code wrap}). Closing it has no effect.
   */
  public static TieredRuntime defaults() {
    return Defaults.INSTANCE;
  }

  /**
   * {@return the cache of one method whose origin answers synchronously} Called by generated
   * proxies, once per cached method, from their constructor; the definition and loader types are
   * internal. Every listener's {@link CacheEventListener#onCacheCreated} is called before this
   * returns.
   *
   * @param definition what the method's annotations say
   * @param loader calls the origin's method
   * @param <K> the cache's key type
   * @param <V> the method's return type
   * @throws IllegalStateException if a {@code @Fallback} tier of {@code definition} is not bound
   *     in this runtime
   */
  public <K, V> TieredCache<K, V> cache(CacheDefinition<K, V> definition, Loader<K, V> loader) {
    holdTickerFor(definition);
    return assembler.assemble(definition, Origin.of(loader));
  }

  /**
   * {@return the cache of one method whose origin answers with a future} As {@link #cache}.
   *
   * @param definition what the method's annotations say
   * @param loader calls the origin's method, which returns a {@code CompletionStage}
   * @param <K> the cache's key type
   * @param <V> the type the method's future completes with
   * @throws IllegalStateException if a {@code @Fallback} tier of {@code definition} is not bound
   *     in this runtime
   */
  public <K, V> TieredCache<K, V> asyncCache(CacheDefinition<K, V> definition,
      AsyncLoader<K, V> loader) {
    holdTickerFor(definition);
    return assembler.assemble(definition, Origin.of(loader));
  }

  /**
   * Keeps the coarse ticker's daemon running while this runtime has a cache whose in-process
   * tiers may expire entries (an L1 ttl, or a fallback tier, which may be an expiring memory
   * tier). Without the daemon such a cache still expires correctly, reading the OS clock.
   */
  private void holdTickerFor(CacheDefinition<?, ?> definition) {
    if (definition.ttl() != null || definition.refreshAfter() != null
        || !definition.fallbacks().isEmpty()) {
      ticker.use();
    }
  }

  /**
   * {@return the bulk reads of a {@code @Bulk} method over {@code cache}} Each key is an entry of
   * {@code cache}, shared with its single-key method if it has one: the two coalesce key by key.
   *
   * @param cache the cache of the method's keys, made by {@link #cache} or {@link #asyncCache}
   * @param loader calls the origin's bulk method with the keys to load
   * @param <K> the cache's key type
   * @param <V> the cached value type
   * @throws IllegalArgumentException if {@code cache} was not made by a {@code TieredRuntime}
   */
  public <K, V> BulkCache<K, V> bulk(TieredCache<K, V> cache, BulkLoader<K, V> loader) {
    Loader<List<K>, Map<K, V>> calls = loader::load; // a bulk origin: one call for many keys
    return engineOf(cache).bulk(assembler.bulkOrigin(cache.name(), Origin.of(calls)));
  }

  /**
   * {@return as {@link #bulk}, for a bulk method whose origin answers with a future}
   *
   * @param cache the cache of the method's keys, made by {@link #cache} or {@link #asyncCache}
   * @param loader calls the origin's bulk method, which returns a {@code CompletionStage}
   * @param <K> the cache's key type
   * @param <V> the cached value type
   * @throws IllegalArgumentException if {@code cache} was not made by a {@code TieredRuntime}
   */
  public <K, V> BulkCache<K, V> asyncBulk(TieredCache<K, V> cache,
      AsyncBulkLoader<K, V> loader) {
    AsyncLoader<List<K>, Map<K, V>> calls = loader::load;
    return engineOf(cache).bulk(assembler.bulkOrigin(cache.name(), Origin.of(calls)));
  }

  private static <K, V> TieredCacheEngine<K, V> engineOf(TieredCache<K, V> cache) {
    if (cache instanceof TieredCacheEngine<K, V> engine) {
      return engine;
    }
    throw new IllegalArgumentException("Bulk reads need a cache made by TieredRuntime.cache or"
        + " asyncCache, to share its entries and loads key by key; got " + cache);
  }

  /**
   * Makes every entry carrying {@code tag} ({@code @Tag}) invalid, in every cache and tier of
   * this runtime, and on every instance sharing its shared tiers: after it returns, no call that
   * starts afterwards returns a value whose load (or put) began before it, on this instance at
   * once, on others once the invalidation reached them. A load or refresh in flight lands
   * nowhere. What {@code @InvalidateTag} calls.
   *
   * @param tag the tag, as {@code @Tag} fills it in, such as {@code product:sku-1}
   */
  public void invalidateTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    // Shared tiers first, then this instance's: a load that begins in between reads the new state
    // of the shared tiers, or holds a local stamp from before, which the second step invalidates.
    // The other way round, it could stamp an old value from a shared tier as current.
    for (TierFactory factory : factories) {
      factory.invalidateTag(tag);
    }
    tags.invalidate(tag);
  }

  /** {@return the clock every cache of this runtime reads} */
  public InstantSource clock() {
    return clock;
  }

  /**
   * Stops background refreshes and gives back this runtime's hold on the JVM's coarse-ticker
   * daemon (which stops when no runtime holds it); idempotent. Has no effect on
   * {@link #defaults()}.
   */
  @Override
  public void close() {
    if (!shared) {
      refreshes.close();
      ticker.close();
    }
  }

  /** Configures a {@link TieredRuntime}. */
  public static final class Builder {
    private final Map<String, TierFactory> tiers = new LinkedHashMap<>();
    private InstantSource clock = InstantSource.system();
    private final List<CacheEventListener> listeners = new ArrayList<>();
    private @Nullable Executor refreshExecutor;
    private InsertPolicy insertPolicy = InsertPolicy.ALWAYS;
    private int refreshConcurrency = DEFAULT_REFRESH_CONCURRENCY;
    private @Nullable TieredInstrumentation instrumentation;
    /** Weak but for model-checking tests, which replace it (see {@link TagRegistry#strong}). */
    TagRegistry tagRegistry = TagRegistry.weak();

    private Builder() {}

    /**
     * Binds the {@code @Fallback(tier = name)} tiers of every proxy to {@code factory}.
     *
     * @param name the tier name the {@code @Fallback}s declare; not blank, and neither
     *     {@value CacheEvent#L1} nor {@value CacheEvent#ORIGIN}, which are reserved
     * @param factory makes the tier of each cache that declares {@code name}
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is blank, reserved or already bound
     */
    public Builder tier(String name, TierFactory factory) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(factory, "factory");
      if (TierNames.isBlankOrReserved(name)) {
        throw new IllegalArgumentException("Tier name '" + name + "' is blank or reserved ('"
            + CacheEvent.L1 + "', '" + CacheEvent.ORIGIN + "'); use the name your @Fallback declares");
      }
      if (tiers.putIfAbsent(name, factory) != null) {
        throw new IllegalArgumentException("Tier '" + name + "' is already bound; bind each name once");
      }
      return this;
    }

    /**
     * Sets the source of time for ttl and refresh. With {@code InstantSource.system()},
     * {@code Clock.systemUTC()} or {@code Clock.systemDefaultZone()} the in-process tiers read a
     * coarse ticker: {@code System.nanoTime} as one daemon thread per JVM reads it every
     * millisecond, so that an expiring hit reads a field instead of the OS clock, and entries
     * expire within about a millisecond of their ttl (the daemon runs while a runtime with an
     * expiring cache is open). Any other clock is read in whole milliseconds on every expiry
     * check, which suits a test's {@code ManualClock}. Either way the in-process tiers run their
     * maintenance (eviction, expiry) on the calling thread, so evictions are reported before the
     * call that caused them returns.
     *
     * @param clock the system clock (the default), or a {@code ManualClock} in tests
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a listener to the events of every cache the runtime builds; may be called several
     * times.
     *
     * @param listener receives the events of the kinds it asks for
     * @return this builder
     */
    public Builder listener(CacheEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Runs background refreshes on {@code executor} instead of a new virtual thread each. The
     * runtime does not shut a given executor down on close.
     *
     * @param executor runs each refresh, which holds its thread while it waits for its turn
     *     (see {@link #refreshConcurrency}) and for the fallback tiers and origin
     * @return this builder
     */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most background refreshes that call the fallback tiers and origin at once, across
     * every cache of the runtime; more wait their turn (reads never wait). Default
     * {@value TieredRuntime#DEFAULT_REFRESH_CONCURRENCY}.
     *
     * @param refreshConcurrency positive
     * @return this builder
     * @throws IllegalArgumentException if {@code refreshConcurrency} is zero or negative
     */
    public Builder refreshConcurrency(int refreshConcurrency) {
      if (refreshConcurrency <= 0) {
        throw new IllegalArgumentException("refreshConcurrency must be positive, was "
            + refreshConcurrency + "; the default is " + DEFAULT_REFRESH_CONCURRENCY);
      }
      this.refreshConcurrency = refreshConcurrency;
      return this;
    }

    /**
     * Decides which values are written to which tier; by default all are.
     *
     * @param policy asked before every write to every tier
     * @return this builder
     */
    public Builder insertPolicy(InsertPolicy policy) {
      this.insertPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Instruments every origin call and every background task of the runtime's caches, such as
     * {@code TieredObservations.of(observationRegistry)} from {@code tiered-micrometer}: each
     * origin call in an Observation under the caller's, the caller's context carried into
     * refreshes. Hits never reach it. None by default.
     *
     * @param instrumentation wraps origin calls and background tasks
     * @return this builder
     */
    public Builder instrumentation(TieredInstrumentation instrumentation) {
      this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
      return this;
    }

    /**
     * {@return a new runtime with this configuration} Each call makes a runtime of its own, with
     * its own refreshes.
     */
    public TieredRuntime build() {
      return new TieredRuntime(this, false);
    }
  }

  private static final class Defaults {
    static final TieredRuntime INSTANCE = new TieredRuntime(new Builder(), true);
  }
}
