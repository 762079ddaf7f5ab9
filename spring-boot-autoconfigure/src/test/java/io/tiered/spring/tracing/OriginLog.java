package io.tiered.spring.tracing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** What the origin's logs would carry: the MDC's trace id at each call. */
@Component
class OriginLog {
  final List<String> traceIdsInMdc = new CopyOnWriteArrayList<>();
}
