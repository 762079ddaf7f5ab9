package io.tiered.micrometer;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Captures what a caller's thread carries, to restore it around background work the caller
 * triggered: a context-propagation snapshot when that library is on the class path, else the
 * caller's current observation only. The snapshot's classes are loaded only when present.
 */
abstract sealed class BackgroundContext {
  private static final boolean SNAPSHOTS = isPresent("io.micrometer.context.ContextSnapshotFactory");

  static BackgroundContext of(ObservationRegistry registry) {
    return SNAPSHOTS ? new Snapshot() : new CurrentObservation(registry);
  }

  /** {@code task}, wrapped to run with what the calling thread carries now. */
  abstract Runnable capture(Runnable task);

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, BackgroundContext.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }

  /** Every {@code ThreadLocalAccessor} registered with the global {@code ContextRegistry}. */
  private static final class Snapshot extends BackgroundContext {
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    @Override
    Runnable capture(Runnable task) {
      return snapshots.captureAll().wrap(task);
    }
  }

  /** The caller's current observation, opened as the current one around the task. */
  private static final class CurrentObservation extends BackgroundContext {
    private final ObservationRegistry registry;

    CurrentObservation(ObservationRegistry registry) {
      this.registry = registry;
    }

    @Override
    Runnable capture(Runnable task) {
      Observation current = registry.getCurrentObservation();
      if (current == null) {
        return task;
      }
      return () -> {
        try (Observation.Scope scope = current.openScope()) {
          task.run();
        }
      };
    }
  }
}
