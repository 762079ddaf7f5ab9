package io.tiered.processor.validate;

import io.tiered.processor.read.UnresolvedTypes;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks that javac knows every type an interface's proxy would name, so that no proxy is
 * generated against types javac could not find. Until the last round an unclean report only
 * defers the interface: another processor may generate the types in the meantime.
 */
public final class ResolutionValidator {
  private final UnresolvedTypes unresolved;

  public ResolutionValidator(Elements elements, Types types) {
    this.unresolved = new UnresolvedTypes(elements, types);
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
