package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @StaleIfError} as written.
 *
 * @param mirror the annotation, to report on
 * @param staleFor the stale window, unparsed
 * @param softTimeout the soft timeout, unparsed; empty for none
 */
public record StaleAnnotation(AnnotationMirror mirror, String staleFor, String softTimeout) {
  public static final String VALUE = "value";
  public static final String SOFT_TIMEOUT = "softTimeout";

  /** The value of {@code attribute}, written or default, for pointing a diagnostic at it. */
  public AnnotationValue value(String attribute) {
    return AnnotationMirrors.getAnnotationValue(mirror, attribute);
  }
}
