package io.tiered.processor;

import com.palantir.javapoet.JavaFile;
import io.tiered.processor.model.ModelBuilder;
import io.tiered.processor.model.ProxyModel;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.InterfaceReader;
import io.tiered.processor.validate.CacheNameRegistry;
import io.tiered.processor.validate.DeclarationValidator;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.Message;
import io.tiered.processor.validate.ValidationReport;
import io.tiered.processor.write.ProxyWriter;
import java.io.IOException;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/** Reads, validates, models and writes the proxy of one interface. */
final class ProxyStep implements InterfaceStep {
  private final Filer filer;
  private final InterfaceReader reader;
  private final DeclarationValidator validator;
  private final ModelBuilder models;
  private final ProxyWriter writer;
  private final FindingPrinter printer;
  /** The cache names of every proxy of the compilation, across rounds. */
  private final CacheNameRegistry cacheNames = new CacheNameRegistry();

  ProxyStep(ProcessingEnvironment environment, ProcessorOptions options, FindingPrinter printer) {
    this.filer = environment.getFiler();
    this.validator = new DeclarationValidator(environment.getElementUtils(),
        environment.getTypeUtils());
    this.reader = new InterfaceReader(environment.getElementUtils(), environment.getTypeUtils());
    this.models = new ModelBuilder(environment.getElementUtils(), environment.getTypeUtils(),
        options.injectable());
    this.writer = new ProxyWriter(environment.getElementUtils(),
        environment.getTypeUtils(), environment.getSourceVersion());
    this.printer = printer;
  }

  @Override
  public void process(TypeElement type) {
    InterfaceDeclaration declaration = reader.read(type);
    ValidationReport report = validator.validate(declaration);
    printer.print(report);
    if (!report.isClean() || !declaration.isTiered()) {
      return;
    }
    ProxyModel model = models.build(declaration);
    printer.print(cacheNames.register(model));
    JavaFile file = writer.write(model);
    try {
      file.writeTo(filer);
    } catch (IOException failure) {
      printer.print(ValidationReport.about(type)
          .onElement(Message.WRITE_FAILED, type, Optional.empty(),
              file.packageName() + "." + file.typeSpec().name(), failure)
          .build());
    }
  }
}
