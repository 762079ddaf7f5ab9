package io.tiered.processor.read;

import com.google.auto.common.AnnotationMirrors;
import com.google.auto.common.AnnotationValues;
import com.google.auto.common.MoreTypes;
import io.tiered.Fallback;
import io.tiered.Invalidate;
import io.tiered.InvalidateTag;
import io.tiered.Put;
import io.tiered.RefreshAfter;
import io.tiered.StaleIfError;
import io.tiered.Tag;
import io.tiered.Tiered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Reads the Tiered annotations of an element into records that keep their mirrors. */
public final class AnnotationReader {

  /** The annotations on {@code element}. */
  public AnnotationSet read(Element element) {
    Optional<TieredAnnotation> tiered = Optional.empty();
    Optional<RefreshAnnotation> refresh = Optional.empty();
    Optional<StaleAnnotation> stale = Optional.empty();
    List<FallbackAnnotation> fallbacks = new ArrayList<>();
    List<WriteAnnotation> writes = new ArrayList<>();
    List<TagAnnotation> tags = new ArrayList<>();
    List<TagAnnotation> tagInvalidations = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String type = nameOf(mirror);
      if (type.equals(Tiered.class.getCanonicalName())) {
        tiered = Optional.of(tiered(mirror));
      } else if (type.equals(RefreshAfter.class.getCanonicalName())) {
        refresh = Optional.of(new RefreshAnnotation(mirror, string(mirror, "value")));
      } else if (type.equals(StaleIfError.class.getCanonicalName())) {
        stale = Optional.of(new StaleAnnotation(mirror, string(mirror, StaleAnnotation.VALUE),
            string(mirror, StaleAnnotation.SOFT_TIMEOUT)));
      } else if (type.equals(Fallback.class.getCanonicalName())) {
        fallbacks.add(fallback(mirror));
      } else if (type.equals(Fallback.List.class.getCanonicalName())) {
        AnnotationValues.getAnnotationMirrors(AnnotationMirrors.getAnnotationValue(mirror, "value"))
            .forEach(each -> fallbacks.add(fallback(each)));
      } else if (type.equals(Invalidate.class.getCanonicalName())) {
        writes.add(write(mirror, WriteAnnotation.Kind.INVALIDATE));
      } else if (type.equals(Invalidate.List.class.getCanonicalName())) {
        AnnotationValues.getAnnotationMirrors(AnnotationMirrors.getAnnotationValue(mirror, "value"))
            .forEach(each -> writes.add(write(each, WriteAnnotation.Kind.INVALIDATE)));
      } else if (type.equals(Put.class.getCanonicalName())) {
        writes.add(write(mirror, WriteAnnotation.Kind.PUT));
      } else if (type.equals(Tag.class.getCanonicalName())) {
        tags.add(tag(mirror, TagAnnotation.Kind.TAG));
      } else if (type.equals(Tag.List.class.getCanonicalName())) {
        AnnotationValues.getAnnotationMirrors(AnnotationMirrors.getAnnotationValue(mirror, "value"))
            .forEach(each -> tags.add(tag(each, TagAnnotation.Kind.TAG)));
      } else if (type.equals(InvalidateTag.class.getCanonicalName())) {
        tagInvalidations.add(tag(mirror, TagAnnotation.Kind.INVALIDATE_TAG));
      } else if (type.equals(InvalidateTag.List.class.getCanonicalName())) {
        AnnotationValues.getAnnotationMirrors(AnnotationMirrors.getAnnotationValue(mirror, "value"))
            .forEach(each -> tagInvalidations.add(tag(each, TagAnnotation.Kind.INVALIDATE_TAG)));
      }
    }
    return new AnnotationSet(tiered, fallbacks, refresh, writes, stale, tags, tagInvalidations);
  }

  private static TagAnnotation tag(AnnotationMirror mirror, TagAnnotation.Kind kind) {
    return new TagAnnotation(mirror, kind, string(mirror, "value"));
  }

  private static WriteAnnotation write(AnnotationMirror mirror, WriteAnnotation.Kind kind) {
    boolean all = kind == WriteAnnotation.Kind.INVALIDATE && (Boolean) value(mirror, "all");
    return new WriteAnnotation(mirror, kind, string(mirror, WriteAnnotation.VALUE),
        string(mirror, WriteAnnotation.KEY), all);
  }

  private static TieredAnnotation tiered(AnnotationMirror mirror) {
    Set<String> explicit = new HashSet<>();
    mirror.getElementValues().keySet()
        .forEach(attribute -> explicit.add(attribute.getSimpleName().toString()));
    return new TieredAnnotation(mirror,
        string(mirror, TieredAnnotation.NAME),
        ((Number) value(mirror, TieredAnnotation.MAXIMUM_SIZE)).longValue(),
        string(mirror, TieredAnnotation.TTL),
        (Boolean) value(mirror, TieredAnnotation.CACHE_NULLS),
        explicit,
        string(mirror, TieredAnnotation.NULL_TTL),
        string(mirror, TieredAnnotation.JITTER));
  }

  private static FallbackAnnotation fallback(AnnotationMirror mirror) {
    return new FallbackAnnotation(mirror,
        string(mirror, FallbackAnnotation.TIER),
        string(mirror, FallbackAnnotation.TTL),
        (Boolean) value(mirror, "promote"));
  }

  private static String nameOf(AnnotationMirror mirror) {
    TypeElement type = MoreTypes.asTypeElement(mirror.getAnnotationType());
    return type.getQualifiedName().toString();
  }

  private static String string(AnnotationMirror mirror, String attribute) {
    return String.valueOf(value(mirror, attribute));
  }

  private static Object value(AnnotationMirror mirror, String attribute) {
    return AnnotationMirrors.getAnnotationValue(mirror, attribute).getValue();
  }
}
