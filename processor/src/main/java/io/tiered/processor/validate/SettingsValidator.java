package io.tiered.processor.validate;

import io.tiered.processor.read.AnnotationSet;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.DurationParser;
import io.tiered.processor.read.EffectiveSettings;
import io.tiered.processor.read.FallbackAnnotation;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.JitterParser;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.RefreshAnnotation;
import io.tiered.processor.read.SettingsResolver;
import io.tiered.processor.read.Sourced;
import io.tiered.processor.read.StaleAnnotation;
import io.tiered.processor.read.TieredAnnotation;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Checks annotation values where they are written (durations, sizes, tier names), then the
 * settings in force for each cached method (refresh shorter than ttl).
 */
final class SettingsValidator {
  private static final Set<String> RESERVED_TIERS = Set.of("l1", "origin");

  private SettingsValidator() {}

  static void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    annotations(declaration.element(), declaration.annotations(), report);
    for (MethodDeclaration method : declaration.methods()) {
      annotations(method.element(), method.annotations(), report);
    }
    for (MethodDeclaration method : declaration.cachedMethods()) {
      EffectiveSettings settings = SettingsResolver.resolve(declaration, method);
      refreshShorterThanTtl(settings, report);
      jitterWithTtl(method, settings, report);
      FailSafeValidator.validate(method, settings, report);
    }
  }

  private static void annotations(Element element, AnnotationSet annotations,
      ValidationReport.Builder report) {
    annotations.tiered().ifPresent(tiered -> tiered(element, tiered, report));
    annotations.refresh().ifPresent(refresh -> duration(element, refresh.mirror(),
        refresh.value(), "@RefreshAfter", "value", refresh.after(), report));
    annotations.stale().ifPresent(stale -> stale(element, stale, report));
    Set<String> tiers = new HashSet<>();
    for (FallbackAnnotation fallback : annotations.fallbacks()) {
      AnnotationValue tier = fallback.value(FallbackAnnotation.TIER);
      if (fallback.tier().isBlank()) {
        report.onValue(Message.BLANK_FALLBACK_TIER, element, fallback.mirror(), tier);
      } else if (RESERVED_TIERS.contains(fallback.tier())) {
        report.onValue(Message.RESERVED_FALLBACK_TIER, element, fallback.mirror(), tier,
            fallback.tier());
      } else if (!tiers.add(fallback.tier())) {
        report.onValue(Message.DUPLICATE_FALLBACK_TIER, element, fallback.mirror(), tier,
            fallback.tier(), element.getSimpleName());
      }
      if (!fallback.ttl().isEmpty()) {
        duration(element, fallback.mirror(), fallback.value(FallbackAnnotation.TTL), "@Fallback",
            "ttl", fallback.ttl(), report);
      }
    }
  }

  private static void tiered(Element element, TieredAnnotation tiered,
      ValidationReport.Builder report) {
    if (tiered.maximumSize() <= 0) {
      report.onValue(Message.NON_POSITIVE_MAXIMUM_SIZE, element, tiered.mirror(),
          tiered.value(TieredAnnotation.MAXIMUM_SIZE), tiered.maximumSize());
    }
    if (!tiered.ttl().isEmpty()) {
      duration(element, tiered.mirror(), tiered.value(TieredAnnotation.TTL), "@Tiered", "ttl",
          tiered.ttl(), report);
    }
    if (!tiered.jitter().isEmpty() && JitterParser.parse(tiered.jitter()).isEmpty()) {
      report.onValue(Message.BAD_JITTER, element, tiered.mirror(),
          tiered.value(TieredAnnotation.JITTER), tiered.jitter());
    }
    if (!tiered.nullTtl().isEmpty()) {
      duration(element, tiered.mirror(), tiered.value(TieredAnnotation.NULL_TTL), "@Tiered",
          TieredAnnotation.NULL_TTL, tiered.nullTtl(), report);
    }
  }

  private static void stale(Element element, StaleAnnotation stale,
      ValidationReport.Builder report) {
    duration(element, stale.mirror(), stale.value(StaleAnnotation.VALUE), "@StaleIfError",
        StaleAnnotation.VALUE, stale.staleFor(), report);
    if (!stale.softTimeout().isEmpty()) {
      duration(element, stale.mirror(), stale.value(StaleAnnotation.SOFT_TIMEOUT),
          "@StaleIfError", StaleAnnotation.SOFT_TIMEOUT, stale.softTimeout(), report);
    }
  }

  private static void duration(Element element, AnnotationMirror mirror, AnnotationValue value,
      String annotation, String attribute, String text, ValidationReport.Builder report) {
    if (DurationParser.parse(text).isEmpty()) {
      report.onValue(Message.BAD_DURATION, element, mirror, value, annotation, attribute, text);
    }
  }

  /** Jitter shortens the ttl in force, so it needs one; a bad jitter was reported where written. */
  private static void jitterWithTtl(MethodDeclaration method, EffectiveSettings settings,
      ValidationReport.Builder report) {
    settings.jitterSource()
        .filter(source -> settings.ttl().isEmpty()
            && JitterParser.parse(settings.jitter()).isPresent())
        .ifPresent(source -> report.onValue(Message.JITTER_WITHOUT_TTL, source.element(),
            source.annotation().mirror(), source.annotation().value(TieredAnnotation.JITTER),
            settings.jitter(), Descriptions.element(method.element())));
  }

  private static void refreshShorterThanTtl(EffectiveSettings settings,
      ValidationReport.Builder report) {
    if (settings.refresh().isEmpty() || settings.ttl().isEmpty()) {
      return;
    }
    Sourced<RefreshAnnotation> refresh = settings.refresh().get();
    Optional<Duration> after = DurationParser.parse(refresh.annotation().after());
    Optional<Duration> ttl = DurationParser.parse(settings.ttl());
    if (after.isPresent() && ttl.isPresent() && after.get().compareTo(ttl.get()) >= 0) {
      Element ttlOwner = settings.ttlSource().orElseThrow().element();
      report.onValue(Message.REFRESH_NOT_SHORTER_THAN_TTL, refresh.element(),
          refresh.annotation().mirror(), refresh.annotation().value(),
          refresh.annotation().after(), settings.ttl(),
          Descriptions.element(ttlOwner));
    }
  }
}
