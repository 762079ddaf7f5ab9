package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of one runtime, seen as one: each event reaches only the listeners whose
 * {@link CacheEventListener#kinds()} include its kind, and a listener that throws is logged and
 * skipped, so it neither breaks the call nor starves the listeners after it.
 */
final class Listeners {
  private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

  private final List<CacheEventListener> listeners;
  private final List<Set<Kind>> kindsOf;
  private final Set<Kind> kinds;

  Listeners(List<CacheEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
    this.kindsOf = this.listeners.stream().map(each -> Set.copyOf(each.kinds())).toList();
    Set<Kind> union = EnumSet.noneOf(Kind.class);
    kindsOf.forEach(union::addAll);
    this.kinds = Set.copyOf(union);
  }

  /** The kinds any listener wants. */
  Set<Kind> kinds() {
    return kinds;
  }

  /** One listener delivering to all, or null when there is none. */
  @Nullable CacheEventListener composed() {
    return switch (listeners.size()) {
      case 0 -> null;
      case 1 -> listeners.get(0);
      default -> this::deliver;
    };
  }

  private void deliver(CacheEvent event) {
    for (int i = 0; i < listeners.size(); i++) {
      CacheEventListener each = listeners.get(i);
      if (kindsOf.get(i).contains(event.kind())) {
        notify(each, () -> each.onEvent(event), event.kind().toString());
      }
    }
  }

  void cacheCreated(TieredCache<?, ?> cache) {
    for (CacheEventListener each : listeners) {
      notify(each, () -> each.onCacheCreated(cache), "onCacheCreated of " + cache.name());
    }
  }

  private static void notify(CacheEventListener listener, Runnable call, String what) {
    try {
      call.run();
    } catch (Throwable failure) {
      LOG.log(System.Logger.Level.WARNING, "CacheEventListener " + listener + " threw on " + what,
          failure);
    }
  }
}
