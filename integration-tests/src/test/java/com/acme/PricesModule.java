package com.acme;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.tiered.TieredOrigin;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import jakarta.inject.Singleton;

/** Dagger's bindings, exactly as docs/dependency-injection.md shows them. */
@Module
interface PricesModule {
  @Binds @TieredOrigin PriceService origin(HttpPriceService impl);
  @Binds PriceService prices(TieredPriceService cached);

  @Provides @Singleton
  static TieredRuntime runtime() {
    return TieredRuntime.builder().tier("shared", Tiers.memory()).build();
  }
}
