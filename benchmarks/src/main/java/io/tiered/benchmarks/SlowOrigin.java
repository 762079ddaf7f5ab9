package io.tiered.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;

/** The 20 ms origin of the miss storm, counting its calls. */
final class SlowOrigin implements SlowService {
  static final AtomicInteger CALLS = new AtomicInteger();

  static Price slowLoad(String key) {
    CALLS.incrementAndGet();
    try {
      Thread.sleep(20);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return new Price(key, key.length());
  }

  @Override
  public Price load(String key) {
    return slowLoad(key);
  }
}
