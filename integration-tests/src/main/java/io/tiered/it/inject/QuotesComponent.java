package io.tiered.it.inject;

import dagger.Component;
import io.tiered.runtime.TieredRuntime;
import jakarta.inject.Singleton;

/** A Dagger container for {@link Quotes}; {@code DaggerQuotesComponent.create()} makes one. */
@Singleton
@Component(modules = QuotesModule.class)
public interface QuotesComponent {

  Quotes quotes();

  CountingQuotes origin();

  TieredRuntime runtime();
}
