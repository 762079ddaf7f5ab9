package io.tiered.processor.validate;

import io.tiered.processor.model.ResultKind;
import io.tiered.processor.model.Results;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.TagAnnotation;
import io.tiered.processor.read.TieredAnnotation;
import io.tiered.processor.read.WriteAnnotation;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the shapes of {@code Mono} and {@code Flux} results Tiered cannot cache or write: a
 * publisher of a publisher (or future), a {@code Flux} from a {@code @Bulk} method or a write.
 */
final class ReactiveValidator {
  private final Results results;

  ReactiveValidator(Elements elements, Types types) {
    this.results = new Results(elements, types);
  }

  void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    for (MethodDeclaration method : declaration.methods()) {
      TypeMirror returned = method.type().getReturnType();
      ResultKind kind = Results.kind(returned);
      String description = Descriptions.method(declaration.simpleName(), method);
      if (method.isWrite()) {
        write(method, kind, returned, description, report);
      } else if (declaration.isCached(method) && method.bulk().isPresent()) {
        if (kind == ResultKind.FLUX) {
          report.onAnnotation(Message.REACTIVE_BULK_FLUX, method.element(),
              method.bulk().get(), description, returned);
        }
      } else if (declaration.isCached(method) && isNested(kind, returned)) {
        report.onElement(Message.REACTIVE_NESTED, method.element(),
            method.annotations().tiered().map(TieredAnnotation::mirror), description, returned,
            simpleName(kind));
      }
    }
  }

  private void write(MethodDeclaration method, ResultKind kind, TypeMirror returned,
      String description, ValidationReport.Builder report) {
    // Reported on its first @Invalidate or @Put, else on its first @InvalidateTag.
    AnnotationMirror mirror;
    String written;
    if (method.annotations().writes().isEmpty()) {
      TagAnnotation tag = method.annotations().tagInvalidations().get(0);
      mirror = tag.mirror();
      written = tag.written();
    } else {
      WriteAnnotation write = method.annotations().writes().get(0);
      mirror = write.mirror();
      written = write.written();
    }
    if (kind == ResultKind.FLUX) {
      report.onAnnotation(Message.REACTIVE_FLUX_WRITE, method.element(), mirror, written,
          description, returned);
    } else if (isNested(kind, returned)) {
      report.onAnnotation(Message.REACTIVE_NESTED, method.element(), mirror, description,
          returned, simpleName(kind));
    }
  }

  /** A publisher of a publisher or future, or a future of a publisher. */
  private boolean isNested(ResultKind outer, TypeMirror returned) {
    if (!outer.isAsync()) {
      return false;
    }
    ResultKind inner = Results.kind(results.emittedType((DeclaredType) returned));
    return inner.isAsync() && (outer.isReactive() || inner.isReactive());
  }

  private static String simpleName(ResultKind kind) {
    return switch (kind) {
      case MONO -> "Mono";
      case FLUX -> "Flux";
      case COMPLETION_STAGE -> "CompletionStage";
      default -> "CompletableFuture";
    };
  }
}
