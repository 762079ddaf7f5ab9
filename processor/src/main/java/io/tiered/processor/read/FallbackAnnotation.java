package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Fallback} as written (directly or inside its repeatable container).
 *
 * @param mirror the annotation, to report on
 * @param tier the tier name
 * @param ttl the tier's ttl, unparsed
 * @param promote whether hits are copied into L1
 */
public record FallbackAnnotation(
    AnnotationMirror mirror, String tier, String ttl, boolean promote) {

  public static final String TIER = "tier";
  public static final String TTL = "ttl";

  /** The value of {@code attribute}, for pointing a diagnostic at it. */
  public AnnotationValue value(String attribute) {
    return AnnotationMirrors.getAnnotationValue(mirror, attribute);
  }
}
