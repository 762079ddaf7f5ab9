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
 * @param tags its {@code @Tag}s, in declaration order
 * @param tagInvalidations its {@code @InvalidateTag}s, in declaration order
 */
public record AnnotationSet(
    Optional<TieredAnnotation> tiered,
    List<FallbackAnnotation> fallbacks,
    Optional<RefreshAnnotation> refresh,
    List<WriteAnnotation> writes,
    Optional<StaleAnnotation> stale,
    List<TagAnnotation> tags,
    List<TagAnnotation> tagInvalidations) {

  public AnnotationSet {
    fallbacks = List.copyOf(fallbacks);
    writes = List.copyOf(writes);
    tags = List.copyOf(tags);
    tagInvalidations = List.copyOf(tagInvalidations);
  }

  /** One annotation as written, with its simple name for messages ("Fallback"). */
  public record Written(AnnotationMirror mirror, String name) {}

  /**
   * Every annotation of the set: {@code @Tiered}, then {@code @RefreshAfter}, then fallbacks, then
   * writes, then {@code @StaleIfError}, then {@code @Tag}s and {@code @InvalidateTag}s.
   */
  public List<Written> all() {
    List<Written> all = new ArrayList<>();
    tiered.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "Tiered")));
    refresh.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "RefreshAfter")));
    fallbacks.forEach(annotation -> all.add(new Written(annotation.mirror(), "Fallback")));
    writes.forEach(write -> all.add(new Written(write.mirror(), write.kind().simpleName())));
    stale.ifPresent(annotation -> all.add(new Written(annotation.mirror(), "StaleIfError")));
    tags.forEach(tag -> all.add(new Written(tag.mirror(), tag.kind().simpleName())));
    tagInvalidations.forEach(tag -> all.add(new Written(tag.mirror(), tag.kind().simpleName())));
    return all;
  }

  /** Whether the element carries {@code @Fallback}, {@code @RefreshAfter} or {@code @StaleIfError}. */
  public boolean hasTierSettings() {
    return !fallbacks.isEmpty() || refresh.isPresent() || stale.isPresent();
  }
}
