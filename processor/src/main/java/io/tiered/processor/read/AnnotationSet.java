package io.tiered.processor.read;

import java.util.List;
import java.util.Optional;

/**
 * The Tiered annotations on one element.
 *
 * @param tiered its {@code @Tiered}, if any
 * @param fallbacks its {@code @Fallback}s in declaration order
 * @param refresh its {@code @RefreshAfter}, if any
 */
public record AnnotationSet(
    Optional<TieredAnnotation> tiered,
    List<FallbackAnnotation> fallbacks,
    Optional<RefreshAnnotation> refresh) {

  public AnnotationSet {
    fallbacks = List.copyOf(fallbacks);
  }

  /** Whether the element carries {@code @Fallback} or {@code @RefreshAfter}. */
  public boolean hasTierSettings() {
    return !fallbacks.isEmpty() || refresh.isPresent();
  }
}
