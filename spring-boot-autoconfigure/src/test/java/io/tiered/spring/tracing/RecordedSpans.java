package io.tiered.spring.tracing;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every span the application's Brave tracer finishes. */
final class RecordedSpans extends SpanHandler {
  private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

  @Override
  public boolean end(TraceContext context, MutableSpan span, Cause cause) {
    if (cause == Cause.FINISHED) {
      finished.add(span);
    }
    return true;
  }

  List<MutableSpan> inTrace(String traceId) {
    return finished.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  /** The span named {@code name} in {@code traceId} whose tag {@code kind} is {@code kind}. */
  Optional<MutableSpan> tieredLoad(String traceId, String kind) {
    return inTrace(traceId).stream()
        .filter(span -> "tiered.load".equals(span.name()) && kind.equals(span.tag("kind")))
        .findFirst();
  }

  void clear() {
    finished.clear();
  }
}
