package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @RefreshAfter} as written.
 *
 * @param mirror the annotation, to report on
 * @param after the duration, unparsed
 */
public record RefreshAnnotation(AnnotationMirror mirror, String after) {

  /** The annotation's value, for pointing a diagnostic at it. */
  public AnnotationValue value() {
    return AnnotationMirrors.getAnnotationValue(mirror, "value");
  }
}
