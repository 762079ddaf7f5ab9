package io.tiered.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** A test processor that runs beside Tiered's in every round, claiming nothing. */
abstract class RoundListener extends AbstractProcessor {

  /** Called once a round, the last one included. */
  abstract void round(RoundEnvironment round);

  @Override
  public final Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public final SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public final boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    round(round);
    return false;
  }
}
