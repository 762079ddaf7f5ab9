package io.tiered.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * The Tiered annotations on one element.
 *
 * @param tiered its {@code @Tiered}, if any
 * @param fallbacks its {@code @Fallback}s in declaration order
 * @param refresh its {@code @RefreshAfter}, if any
 * @param writes its {@code @Invalidate}s and {@code @Put}, in declaration order
 * @param stale its {@code @StaleIfError}, if any
 */
public record AnnotationSet(
    Optional<TieredAnnotation> tiered,
    List<FallbackAnnotation> fallbacks,
    Optional<RefreshAnnotation> refresh,
    List<WriteAnnotation> writes,
    Optional<StaleAnnotation> stale) {

  public AnnotationSet {
    fallbacks = List.copyOf(fallbacks);
    writes = List.copyOf(writes);
  }

  /** One annotation as written, with its simple name for messages ("Fallback"). */
  public record Written(AnnotationMirror mirror, String name) {}

  /**
   * Every annotation of the set: {@code @Tiered}, then {@code @RefreshAfter}, then fallbacks, then
   * writes, then {@code @StaleIfError}.
   */
  public List<Written> all() {
    List<Written> all = new ArrayList<>();
    tiered.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "Tiered")));
    refresh.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "RefreshAfter")));
    fallbacks.forEach(annotation -> all.add(new Written(annotation.mirror(), "Fallback")));
    writes.forEach(write -> all.add(new Written(write.mirror(), write.kind().simpleName())));
    stale.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "StaleIfError")));
    return all;
  }

  /** Whether the element carries {@code @Fallback}, {@code @RefreshAfter} or {@code @StaleIfError}. */
  public boolean hasTierSettings() {
    return !fallbacks.isEmpty() || refresh.isPresent() || stale.isPresent();
  }
}
