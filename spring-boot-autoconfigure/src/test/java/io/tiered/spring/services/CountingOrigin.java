package io.tiered.spring.services;

import java.util.concurrent.atomic.AtomicInteger;

/** An origin that counts its calls, so tests can tell a cache hit from a load. */
public abstract class CountingOrigin {
  private final AtomicInteger calls = new AtomicInteger();

  protected void called() {
    calls.incrementAndGet();
  }

  public int calls() { // not final: class-based AOP proxies of subclasses must reach it
    return calls.get();
  }
}
