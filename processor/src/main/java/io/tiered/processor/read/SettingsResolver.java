package io.tiered.processor.read;

import static io.tiered.processor.read.TieredAnnotation.CACHE_NULLS;
import static io.tiered.processor.read.TieredAnnotation.JITTER;
import static io.tiered.processor.read.TieredAnnotation.MAXIMUM_SIZE;
import static io.tiered.processor.read.TieredAnnotation.NAME;
import static io.tiered.processor.read.TieredAnnotation.NULL_TTL;
import static io.tiered.processor.read.TieredAnnotation.TTL;

import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.Element;

/** Merges a method's annotations with its interface's into the {@link EffectiveSettings}. */
public final class SettingsResolver {
  private static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  private SettingsResolver() {}

  public static EffectiveSettings resolve(InterfaceDeclaration owner, MethodDeclaration method) {
    Optional<Sourced<TieredAnnotation>> onType =
        owner.annotations().tiered().map(tiered -> new Sourced<>(owner.element(), tiered));
    Optional<Sourced<TieredAnnotation>> onMethod =
        method.annotations().tiered().map(tiered -> new Sourced<>(method.element(), tiered));
    Optional<Sourced<TieredAnnotation>> ttlSource = source(onMethod, onType, TTL);
    Optional<Sourced<TieredAnnotation>> nullTtlSource = source(onMethod, onType, NULL_TTL)
        .filter(source -> source.annotation().isSet(NULL_TTL));
    Optional<Sourced<TieredAnnotation>> jitterSource = source(onMethod, onType, JITTER)
        .filter(source -> source.annotation().isSet(JITTER));
    return new EffectiveSettings(
        onMethod.filter(m -> m.annotation().isSet(NAME)).map(m -> m.annotation().name()).orElse(""),
        onType.map(t -> t.annotation().name()).orElse(""),
        attribute(onMethod, onType, MAXIMUM_SIZE, TieredAnnotation::maximumSize,
            DEFAULT_MAXIMUM_SIZE),
        ttlSource.map(source -> source.annotation().ttl()).orElse(""),
        ttlSource,
        attribute(onMethod, onType, CACHE_NULLS, TieredAnnotation::cacheNulls, false),
        refresh(owner.element(), owner.annotations(), method.element(), method.annotations()),
        method.annotations().fallbacks().isEmpty()
            ? owner.annotations().fallbacks()
            : method.annotations().fallbacks(),
        nullTtlSource.map(source -> source.annotation().nullTtl()).orElse(""),
        nullTtlSource,
        method.annotations().stale().map(stale -> new Sourced<>(method.element(), stale))
            .or(() -> owner.annotations().stale()
                .map(stale -> new Sourced<>(owner.element(), stale))),
        jitterSource.map(source -> source.annotation().jitter()).orElse(""),
        jitterSource);
  }

  private static Optional<Sourced<TieredAnnotation>> source(
      Optional<Sourced<TieredAnnotation>> onMethod,
      Optional<Sourced<TieredAnnotation>> onType,
      String attribute) {
    return onMethod.filter(m -> m.annotation().isSet(attribute)).or(() -> onType);
  }

  private static <T> T attribute(
      Optional<Sourced<TieredAnnotation>> onMethod,
      Optional<Sourced<TieredAnnotation>> onType,
      String attribute,
      Function<TieredAnnotation, T> value,
      T fallback) {
    return source(onMethod, onType, attribute)
        .map(source -> value.apply(source.annotation()))
        .orElse(fallback);
  }

  private static Optional<Sourced<RefreshAnnotation>> refresh(
      Element type, AnnotationSet onType, Element method, AnnotationSet onMethod) {
    return onMethod.refresh().map(refresh -> new Sourced<>(method, refresh))
        .or(() -> onType.refresh().map(refresh -> new Sourced<>(type, refresh)));
  }
}
