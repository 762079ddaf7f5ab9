package io.tiered.runtime;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * What tests observe inside a cache made by a {@link TieredRuntime}, read reflectively: the main
 * code ships no accessor for them.
 */
final class EngineProbe {
  private EngineProbe() {}

  /** {@return how many keys of {@code cache} have a load or refresh in flight} */
  static int inFlightCount(TieredCache<?, ?> cache) {
    Object inFlight = field(cache, "inFlight");
    return ((Map<?, ?>) field(inFlight, "loads")).size();
  }

  /** {@return the L1 of {@code cache}} */
  @SuppressWarnings("unchecked")
  static <K, V> LocalTier<K, V> l1(TieredCache<K, V> cache) {
    return (LocalTier<K, V>) field(field(cache, "chain"), "l1");
  }

  private static Object field(Object owner, String name) {
    // Declared by the class itself or one it extends (the engine of a tagged cache does).
    for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("cannot read " + name + " of " + owner.getClass(), e);
      }
    }
    throw new AssertionError("no field " + name + " in " + owner.getClass());
  }
}
