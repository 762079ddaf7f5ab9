package io.tiered.processor.validate;

import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.DurationParser;
import io.tiered.processor.read.EffectiveSettings;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.Sourced;
import io.tiered.processor.read.StaleAnnotation;
import io.tiered.processor.read.TieredAnnotation;
import java.time.Duration;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Checks the fail-safe settings in force for one cached method against its ttl: a
 * {@code @StaleIfError} needs one and a soft timeout shorter than it; a {@code nullTtl} must not
 * be longer. Each error is reported on the value that is wrong; bad durations were reported where
 * they are written, so they are skipped here.
 */
final class FailSafeValidator {
  private FailSafeValidator() {}

  static void validate(MethodDeclaration method, EffectiveSettings settings,
      ValidationReport.Builder report) {
    Optional<Duration> ttl = DurationParser.parse(settings.ttl());
    settings.stale().ifPresent(stale -> stale(method, settings, stale, ttl, report));
    settings.nullTtlSource().ifPresent(source -> {
      Optional<Duration> nullTtl = DurationParser.parse(settings.nullTtl());
      if (nullTtl.isPresent() && ttl.isPresent() && nullTtl.get().compareTo(ttl.get()) > 0) {
        report.onValue(Message.NULL_TTL_LONGER_THAN_TTL, source.element(),
            source.annotation().mirror(), source.annotation().value(TieredAnnotation.NULL_TTL),
            settings.nullTtl(), settings.ttl(), ttlOwner(settings));
      }
    });
  }

  private static void stale(MethodDeclaration method, EffectiveSettings settings,
      Sourced<StaleAnnotation> stale, Optional<Duration> ttl, ValidationReport.Builder report) {
    StaleAnnotation annotation = stale.annotation();
    if (settings.ttl().isEmpty()) {
      report.onValue(Message.STALE_WITHOUT_TTL, stale.element(), annotation.mirror(),
          annotation.value(StaleAnnotation.VALUE), annotation.staleFor(),
          Descriptions.element(method.element()));
      return;
    }
    Optional<Duration> softTimeout = DurationParser.parse(annotation.softTimeout());
    if (softTimeout.isPresent() && ttl.isPresent() && softTimeout.get().compareTo(ttl.get()) >= 0) {
      report.onValue(Message.SOFT_TIMEOUT_NOT_SHORTER_THAN_TTL, stale.element(),
          annotation.mirror(), annotation.value(StaleAnnotation.SOFT_TIMEOUT),
          annotation.softTimeout(), settings.ttl(), ttlOwner(settings));
    }
  }

  private static String ttlOwner(EffectiveSettings settings) {
    Element owner = settings.ttlSource().orElseThrow().element();
    return Descriptions.element(owner);
  }
}
