package io.tiered.it.inject;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/** The service behind the proxy, one per container, counting the calls that reach it. */
@Singleton
public final class CountingQuotes implements Quotes {
  private final AtomicInteger calls = new AtomicInteger();

  @Inject
  public CountingQuotes() {}

  /** Calls that reached this origin. */
  public int calls() {
    return calls.get();
  }

  @Override
  public String quote(String sku) {
    calls.incrementAndGet();
    return "quote of " + sku;
  }
}
