package io.tiered.redis;

import io.tiered.runtime.TieredRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runtimes of a fleet's instances, each with the tier "shared" on a Redis factory of its own
 * (and {@link FleetModel#tracing} when asked for); closes the runtimes, then the factories.
 */
final class FleetRuntimes implements AutoCloseable {
  private final List<TieredRuntime> runtimes = new ArrayList<>();
  private final List<AutoCloseable> opened = new ArrayList<>();

  private FleetRuntimes() {}

  /** {@code count} instances, each on the factory {@code factories} makes for it. */
  static FleetRuntimes open(int count, Supplier<RedisTierFactory> factories) {
    FleetRuntimes fleet = new FleetRuntimes();
    for (int i = 0; i < count; i++) {
      RedisTierFactory factory = factories.get();
      fleet.opened.add(factory);
      TieredRuntime.Builder runtime = TieredRuntime.builder().tier(Instance.SHARED, factory);
      FleetModel.tracing().forEach(runtime::listener);
      TieredRuntime built = runtime.build();
      fleet.opened.add(built);
      fleet.runtimes.add(built);
    }
    return fleet;
  }

  List<TieredRuntime> runtimes() {
    return List.copyOf(runtimes);
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable each : opened.reversed()) {
      each.close();
    }
  }
}
