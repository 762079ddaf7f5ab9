package io.tiered.processor.validate;

import io.tiered.processor.read.InterfaceDeclaration;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates an interface read for proxying. Keeps going after an error, so one compile shows
 * every problem. An interface without {@code @Tiered} only gets warnings about annotations that
 * have no effect.
 */
public final class DeclarationValidator {
  private final WriteValidator writes;
  private final BulkValidator bulks;
  private final ReactiveValidator reactive;
  private final TagValidator tags;

  public DeclarationValidator(Elements elements, Types types) {
    this.writes = new WriteValidator(elements, types);
    this.bulks = new BulkValidator(elements, types);
    this.reactive = new ReactiveValidator(elements, types);
    this.tags = new TagValidator(elements, types);
  }

  public ValidationReport validate(InterfaceDeclaration declaration) {
    ValidationReport.Builder report = ValidationReport.about(declaration.element());
    if (declaration.isTiered()) {
      AccessValidator.validate(declaration, report);
    }
    SettingsValidator.validate(declaration, report);
    MethodValidator.validate(declaration, report);
    writes.validate(declaration, report);
    bulks.validate(declaration, report);
    reactive.validate(declaration, report);
    tags.validate(declaration, report);
    return report.build();
  }
}
