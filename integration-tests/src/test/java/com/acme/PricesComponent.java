package com.acme;

import dagger.Component;
import io.tiered.runtime.TieredRuntime;
import jakarta.inject.Singleton;

/** A Dagger container of {@link PricesModule}; {@code DaggerPricesComponent.create()} makes one. */
@Singleton
@Component(modules = PricesModule.class)
interface PricesComponent {

  PriceService prices();

  TieredRuntime runtime();
}
