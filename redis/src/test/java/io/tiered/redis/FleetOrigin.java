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
final class FleetOrigin {
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final ThreadLocal<Long> lastUpdate = new ThreadLocal<>();
  private final ThreadLocal<Map<String, Long>> lastShardUpdate = new ThreadLocal<>();
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
      public FleetItem item(FleetSku sku) {
        FleetHistory.Load load = history.loadStarted(sku.getCode(), instance);
        enter();
        return load.ended(new FleetItem(sku.getCode(), current(sku.getCode())));
      }

      @Override
      public Map<FleetSku, FleetItem> items(Set<FleetSku> skus) {
        List<FleetHistory.Load> loads =
            skus.stream().map(sku -> history.loadStarted(sku.getCode(), instance)).toList();
        enter();
        Map<FleetSku, FleetItem> items = new LinkedHashMap<>();
        for (FleetHistory.Load load : loads) {
          items.put(new FleetSku(load.sku()),
              load.ended(new FleetItem(load.sku(), current(load.sku()))));
        }
        return items;
      }

      @Override
      public void update(FleetSku sku) {
        enterWrite();
        lastUpdate.set(versions.get(sku.getCode()).incrementAndGet());
      }

      @Override
      public void retag(FleetSku sku) {
        update(sku);
      }

      @Override
      public void reshard(FleetSku sku) {
        enterWrite();
        Map<String, Long> written = new LinkedHashMap<>();
        for (String each : shard(sku.getShard())) {
          written.put(each, versions.get(each).incrementAndGet());
        }
        lastShardUpdate.set(written);
      }

      @Override
      public FleetItem replace(FleetSku sku) {
        enterWrite();
        return new FleetItem(sku.getCode(), versions.get(sku.getCode()).incrementAndGet());
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

  /** The rows of {@code shard}. */
  List<String> shard(int shard) {
    return versions.keySet().stream().filter(sku -> new FleetSku(sku).getShard() == shard)
        .sorted().toList();
  }

  /** The versions the calling thread's last reshard wrote, by row. */
  Map<String, Long> lastShardUpdate() {
    return lastShardUpdate.get();
  }

  /** The version the calling thread's last {@link #update} wrote. */
  long lastUpdate() {
    return lastUpdate.get();
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
