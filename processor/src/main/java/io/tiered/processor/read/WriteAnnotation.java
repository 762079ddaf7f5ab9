package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Invalidate} or {@code @Put} as written (directly or inside its container).
 *
 * @param mirror the annotation, to report on
 * @param kind which of the two
 * @param target the cached method it names: {@code "price"} or {@code "price(String)"}
 * @param key the key paths, comma-separated; empty when the key comes from the parameters
 * @param all for {@code @Invalidate}, whether every key of the target is evicted
 */
public record WriteAnnotation(
    AnnotationMirror mirror, Kind kind, String target, String key, boolean all) {

  public static final String VALUE = "value";
  public static final String KEY = "key";

  /** Which write annotation. */
  public enum Kind {
    INVALIDATE("Invalidate"),
    PUT("Put");

    private final String simpleName;

    Kind(String simpleName) {
      this.simpleName = simpleName;
    }

    /** {@code Invalidate}: the annotation's simple name, for messages. */
    public String simpleName() {
      return simpleName;
    }
  }

  /** The value of {@code attribute}, for pointing a diagnostic at it. */
  public AnnotationValue value(String attribute) {
    return AnnotationMirrors.getAnnotationValue(mirror, attribute);
  }

  /** {@code @Invalidate("price")}, as messages quote it. */
  public String written() {
    return "@" + kind.simpleName() + "(\"" + target + "\")";
  }
}
