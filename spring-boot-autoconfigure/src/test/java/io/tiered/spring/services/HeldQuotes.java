package io.tiered.spring.services;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Quotes whose origin call starts, then waits for the test to release it. */
public class HeldQuotes implements QuoteService {
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public String quote(String sku) {
    started.countDown();
    try {
      released.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return "quote for " + sku;
  }

  /** Waits until a call is inside the origin. */
  public void awaitStarted() throws InterruptedException {
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the origin was never called");
    }
  }

  /** Lets the call in the origin return. */
  public void release() {
    released.countDown();
  }
}
