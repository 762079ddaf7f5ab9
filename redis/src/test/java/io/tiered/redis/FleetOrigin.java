package io.tiered.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The database every instance of the fleet reads through its cache: a version per key, raised by
 * each write. Reports every load to the {@link FleetHistory}, and fails or slows down on demand.
 */
final class FleetOrigin implements FleetCatalog {
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final ThreadLocal<Long> lastUpdate = new ThreadLocal<>();
  private final FleetHistory history;
  private volatile boolean failing;
  private volatile long slowLoadNanos;

  FleetOrigin(FleetHistory history, List<String> skus) {
    this.history = history;
    skus.forEach(sku -> versions.put(sku, new AtomicLong(1)));
  }

  /** The database as instance {@code instance} calls it: its loads are told apart. */
  FleetCatalog of(int instance) {
    return new FleetCatalog() {
      @Override
      public FleetItem item(String sku) {
        FleetHistory.Load load = history.loadStarted(sku, instance);
        enter();
        return load.ended(new FleetItem(sku, current(sku)));
      }

      @Override
      public Map<String, FleetItem> items(Set<String> skus) {
        return FleetOrigin.this.items(skus, instance);
      }

      @Override
      public void update(String sku) {
        FleetOrigin.this.update(sku);
      }

      @Override
      public FleetItem replace(String sku) {
        return FleetOrigin.this.replace(sku);
      }
    };
  }

  /** Every call throws until {@link #heal}, as a database that is down. */
  void fail() {
    failing = true;
  }

  void heal() {
    failing = false;
  }

  /** One load in four takes up to {@code nanos} (0: none does). */
  void slowLoads(long nanos) {
    slowLoadNanos = nanos;
  }

  long current(String sku) {
    return versions.get(sku).get();
  }

  /** The version the calling thread's last {@link #update} wrote. */
  long lastUpdate() {
    return lastUpdate.get();
  }

  @Override
  public FleetItem item(String sku) {
    return of(-1).item(sku);
  }

  @Override
  public Map<String, FleetItem> items(Set<String> skus) {
    return items(skus, -1);
  }

  private Map<String, FleetItem> items(Set<String> skus, int instance) {
    List<FleetHistory.Load> loads =
        skus.stream().map(sku -> history.loadStarted(sku, instance)).toList();
    enter();
    Map<String, FleetItem> items = new LinkedHashMap<>();
    for (FleetHistory.Load load : loads) {
      items.put(load.sku(), load.ended(new FleetItem(load.sku(), current(load.sku()))));
    }
    return items;
  }

  @Override
  public void update(String sku) {
    enterWrite();
    lastUpdate.set(versions.get(sku).incrementAndGet());
  }

  @Override
  public FleetItem replace(String sku) {
    enterWrite();
    return new FleetItem(sku, versions.get(sku).incrementAndGet());
  }

  private void enter() {
    enterWrite();
    long slow = slowLoadNanos;
    if (slow > 0 && ThreadLocalRandom.current().nextInt(4) == 0) {
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(slow));
    }
  }

  private void enterWrite() {
    if (failing) {
      throw new IllegalStateException("the fleet's database is down");
    }
  }
}
