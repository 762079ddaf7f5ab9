package io.tiered.it.inject;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.tiered.TieredOrigin;
import io.tiered.runtime.TieredRuntime;
import jakarta.inject.Singleton;

/**
 * Dagger's bindings, as docs/dependency-injection.md shows them. {@code TieredQuotes} does not
 * exist when javac first reads this module: Tiered generates it in the first round, and Dagger, in
 * the same javac run, reads its {@code @Inject} constructor in a later one.
 */
@Module
public interface QuotesModule {

  @Binds
  @TieredOrigin
  Quotes origin(CountingQuotes impl);

  @Binds
  Quotes quotes(TieredQuotes cached);

  @Provides
  @Singleton
  static TieredRuntime runtime() {
    return TieredRuntime.builder().build();
  }
}
