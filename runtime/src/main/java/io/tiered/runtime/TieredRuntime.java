package io.tiered.runtime;

import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.runtime.internal.Loader;
import io.tiered.runtime.internal.AsyncLoader;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  private TieredRuntime(Builder builder, boolean shared) {
    this.clock = builder.clock;
    this.refreshes = new RefreshScheduler(builder.refreshExecutor, builder.refreshConcurrency);
    this.assembler = new CacheAssembler(builder.tiers, clock, new Listeners(builder.listeners),
        builder.insertPolicy, refreshes);
    this.shared = shared;
  }

  /** A builder with the system clock, no fallback tiers, no listener and virtual-thread refreshes. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The process-wide runtime that {@code TieredX.wrap(origin)} uses: system clock, no listener,
   * no fallback tiers bound. Closing it has no effect.
   */
  public static TieredRuntime defaults() {
    return Defaults.INSTANCE;
  }

  /**
   * Builds the cache of one method whose origin answers synchronously. Called by generated
   * proxies; the definition and loader types are internal.
   */
  public <K, V> TieredCache<K, V> cache(CacheDefinition<K, V> definition, Loader<K, V> loader) {
    return assembler.assemble(definition, Origin.of(loader));
  }

  /** Builds the cache of one method whose origin answers with a future; see {@link #cache}. */
  public <K, V> TieredCache<K, V> asyncCache(CacheDefinition<K, V> definition,
      AsyncLoader<K, V> loader) {
    return assembler.assemble(definition, Origin.of(loader));
  }

  /** The clock every cache of this runtime reads. */
  public InstantSource clock() {
    return clock;
  }

  /** Stops background refreshes; idempotent. Has no effect on {@link #defaults()}. */
  @Override
  public void close() {
    if (!shared) {
      refreshes.close();
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

    private Builder() {}

    /** Binds the {@code @Fallback(tier = name)} tiers of every proxy to {@code factory}. */
    public Builder tier(String name, TierFactory factory) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(factory, "factory");
      if (name.isBlank() || name.equals(CacheEvent.L1) || name.equals(CacheEvent.ORIGIN)) {
        throw new IllegalArgumentException("Tier name '" + name + "' is blank or reserved ('"
            + CacheEvent.L1 + "', '" + CacheEvent.ORIGIN + "'); use the name your @Fallback declares");
      }
      if (tiers.putIfAbsent(name, factory) != null) {
        throw new IllegalArgumentException("Tier '" + name + "' is already bound; bind each name once");
      }
      return this;
    }

    /** The source of time for ttl and refresh; a {@code ManualClock} in tests. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener for every cache event; may be called several times. */
    public Builder listener(CacheEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Runs background refreshes on {@code executor} instead of a new virtual thread each. The
     * runtime does not shut a given executor down on close.
     */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most background refreshes that call the fallback tiers and origin at once, across
     * every cache of the runtime; more wait their turn (reads never wait). Default
     * {@value TieredRuntime#DEFAULT_REFRESH_CONCURRENCY}.
     */
    public Builder refreshConcurrency(int refreshConcurrency) {
      if (refreshConcurrency <= 0) {
        throw new IllegalArgumentException("refreshConcurrency must be positive, was "
            + refreshConcurrency + "; the default is " + DEFAULT_REFRESH_CONCURRENCY);
      }
      this.refreshConcurrency = refreshConcurrency;
      return this;
    }

    /** Decides which values are written to which tier; by default all are. */
    public Builder insertPolicy(InsertPolicy policy) {
      this.insertPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public TieredRuntime build() {
      return new TieredRuntime(this, false);
    }
  }

  private static final class Defaults {
    static final TieredRuntime INSTANCE = new TieredRuntime(new Builder(), true);
  }
}
