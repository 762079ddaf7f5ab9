package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Tiered} as written on an interface or a method.
 *
 * @param mirror the annotation, to report on
 * @param name the {@code name} attribute
 * @param maximumSize the {@code maximumSize} attribute
 * @param ttl the {@code ttl} attribute, unparsed
 * @param cacheNulls the {@code cacheNulls} attribute
 * @param explicit the attributes written out, as opposed to left at their defaults
 * @param nullTtl the {@code nullTtl} attribute, unparsed
 * @param jitter the {@code jitter} attribute, unparsed: {@code "10%"}, or empty for none
 */
public record TieredAnnotation(
    AnnotationMirror mirror,
    String name,
    long maximumSize,
    String ttl,
    boolean cacheNulls,
    Set<String> explicit,
    String nullTtl,
    String jitter) {

  public static final String NAME = "name";
  public static final String MAXIMUM_SIZE = "maximumSize";
  public static final String TTL = "ttl";
  public static final String CACHE_NULLS = "cacheNulls";
  public static final String NULL_TTL = "nullTtl";
  public static final String JITTER = "jitter";

  public TieredAnnotation {
    explicit = Set.copyOf(explicit);
  }

  /** Whether {@code attribute} is written out on this annotation. */
  public boolean isSet(String attribute) {
    return explicit.contains(attribute);
  }

  /** The value of {@code attribute}, written or default, for pointing a diagnostic at it. */
  public AnnotationValue value(String attribute) {
    return AnnotationMirrors.getAnnotationValue(mirror, attribute);
  }
}
