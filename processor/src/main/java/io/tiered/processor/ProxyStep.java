package io.tiered.processor;

import com.palantir.javapoet.JavaFile;
import io.tiered.processor.model.ModelBuilder;
import io.tiered.processor.model.ProxyModel;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.InterfaceReader;
import io.tiered.processor.validate.CacheNameRegistry;
import io.tiered.processor.validate.DeclarationValidator;
import io.tiered.processor.validate.Finding;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.Message;
import io.tiered.processor.validate.ValidationReport;
import io.tiered.processor.write.ProxyWriter;
import java.io.IOException;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Reads, validates, models and writes the proxy of one interface. */
final class ProxyStep {
  private final ProcessingEnvironment environment;
  private final InterfaceReader reader;
  private final DeclarationValidator validator = new DeclarationValidator();
  private final ModelBuilder models;
  private final ProxyWriter writer;
  private final FindingPrinter printer;
  private final Set<Finding> printed;
  private final CacheNameRegistry cacheNames;

  ProxyStep(ProcessingEnvironment environment, FindingPrinter printer, Set<Finding> printed,
      CacheNameRegistry cacheNames) {
    this.environment = environment;
    this.reader = new InterfaceReader(environment.getElementUtils(), environment.getTypeUtils());
    this.models = new ModelBuilder(environment.getElementUtils());
    this.writer = new ProxyWriter(environment.getElementUtils(),
        environment.getTypeUtils(), environment.getSourceVersion());
    this.printer = printer;
    this.printed = printed;
    this.cacheNames = cacheNames;
  }

  void process(TypeElement type) {
    InterfaceDeclaration declaration = reader.read(type);
    ValidationReport report = validator.validate(declaration);
    report.printTo(printer, printed);
    if (!report.isClean() || !declaration.isTiered()) {
      return;
    }
    ProxyModel model = models.build(declaration);
    cacheNames.register(model).printTo(printer, printed);
    JavaFile file = writer.write(model);
    try {
      file.writeTo(environment.getFiler());
    } catch (IOException failure) {
      environment.getMessager().printMessage(Message.WRITE_FAILED.kind(),
          Message.WRITE_FAILED.format(file.packageName() + "." + file.typeSpec().name(), failure),
          type);
    }
  }
}
