package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Tag} or {@code @InvalidateTag} as written (directly or inside its container).
 *
 * @param mirror the annotation, to report on
 * @param kind which of the two
 * @param template its value, unparsed: {@code "product:{sku}"}
 */
public record TagAnnotation(AnnotationMirror mirror, Kind kind, String template) {

  /** Which tag annotation. */
  public enum Kind {
    TAG("Tag"),
    INVALIDATE_TAG("InvalidateTag");

    private final String simpleName;

    Kind(String simpleName) {
      this.simpleName = simpleName;
    }

    /** {@code Tag}: the annotation's simple name, for messages. */
    public String simpleName() {
      return simpleName;
    }
  }

  /** The template as written, for pointing a diagnostic at it. */
  public AnnotationValue value() {
    return AnnotationMirrors.getAnnotationValue(mirror, "value");
  }

  /** {@code @Tag("product:{sku}")}, as messages quote it. */
  public String written() {
    return "@" + kind.simpleName() + "(\"" + template + "\")";
  }
}
