package io.tiered.it;

import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every cache event, for tests to assert on. */
final class EventRecorder implements CacheEventListener {
  private final List<CacheEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(CacheEvent event) {
    events.add(event);
  }

  List<CacheEvent> events(CacheEvent.Kind kind) {
    return events.stream().filter(event -> event.kind() == kind).toList();
  }

  List<CacheEvent> events(CacheEvent.Kind kind, String tier) {
    return events(kind).stream().filter(event -> event.tier().equals(tier)).toList();
  }

  void clear() {
    events.clear();
  }
}
