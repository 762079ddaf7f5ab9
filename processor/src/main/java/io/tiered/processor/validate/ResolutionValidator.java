package io.tiered.processor.validate;

import io.tiered.processor.read.UnresolvedTypes;
import io.tiered.processor.read.UnresolvedValues;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that javac knows every type an interface's proxy would name, and every value of its
 * annotations, so that no proxy is generated, and no setting judged, against names javac could not
 * find. Until the last round either only defers the interface: another processor may generate the
 * types or constants in the meantime.
 */
public final class ResolutionValidator {
  private final UnresolvedTypes unresolved;
  private final UnresolvedValues unresolvedValues;

  public ResolutionValidator(Elements elements, Types types) {
    this.unresolved = new UnresolvedTypes(elements, types);
    this.unresolvedValues = new UnresolvedValues(elements, types);
  }

  /**
   * Whether an annotation value names something javac could not find. javac reports that name
   * itself, at the value, so the processor adds no finding of its own.
   */
  public boolean hasUnresolvedValues(TypeElement type) {
    return unresolvedValues.in(type);
  }

  public ValidationReport validate(TypeElement type) {
    ValidationReport.Builder report = ValidationReport.about(type);
    Set<String> names = unresolved.of(type);
    if (!names.isEmpty()) {
      report.onElement(Message.UNRESOLVED_TYPE, type, Optional.empty(), type.getSimpleName(),
          String.join(", ", names));
    }
    return report.build();
  }
}
