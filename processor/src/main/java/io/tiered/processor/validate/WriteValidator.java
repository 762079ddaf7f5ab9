package io.tiered.processor.validate;

import io.tiered.processor.model.Results;
import io.tiered.processor.model.WriteKeyResolver;
import io.tiered.processor.model.WriteTargets;
import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.WriteAnnotation;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks each {@code @Invalidate} and {@code @Put}: its target is one cached method, its key
 * resolves and fits, and a put's result is a value of the target.
 */
final class WriteValidator {
  private final Types types;
  private final Results results;
  private final WriteTargets targets;
  private final WriteKeyResolver keys;

  WriteValidator(Elements elements, Types types) {
    this.types = types;
    this.results = new Results(elements, types);
    this.targets = new WriteTargets(types);
    this.keys = new WriteKeyResolver(elements, types);
  }

  void validate(InterfaceDeclaration declaration, ValidationReport.Builder report) {
    for (MethodDeclaration method : declaration.methods()) {
      String description = Descriptions.method(declaration.simpleName(), method);
      for (WriteAnnotation write : method.annotations().writes()) {
        if (method.annotations().tiered().isPresent()) {
          report.onAnnotation(Message.WRITE_ON_CACHED_METHOD, method.element(),
              method.annotations().tiered().get().mirror(), write.written(), description);
        }
        List<MethodDeclaration> matching = targets.matching(declaration, write.target());
        if (matching.size() == 1) {
          target(write, method, description, matching.get(0), report);
        } else if (matching.isEmpty()) {
          onValue(report, Message.WRITE_TARGET_UNKNOWN, method, write, WriteAnnotation.VALUE,
              write.written(), description, declaration.simpleName(),
              WriteTargets.describe(declaration.cachedMethods()));
        } else {
          onValue(report, Message.WRITE_TARGET_AMBIGUOUS, method, write, WriteAnnotation.VALUE,
              write.written(), description, WriteTargets.describe(matching),
              write.kind().simpleName(), WriteTargets.signature(matching.get(0)));
        }
      }
    }
  }

  private void target(WriteAnnotation write, MethodDeclaration method, String description,
      MethodDeclaration target, ValidationReport.Builder report) {
    String targetName = WriteTargets.signature(target);
    if (write.all() && !write.key().isEmpty()) {
      onValue(report, Message.WRITE_ALL_WITH_KEY, method, write, WriteAnnotation.KEY,
          description, targetName, write.key());
      return;
    }
    if (write.kind() == WriteAnnotation.Kind.PUT && !putFits(write, method, description, target,
        report)) {
      return;
    }
    if (keys.resolve(write, method, target) instanceof WriteKeyResolver.Problem problem) {
      int index = target.element().getParameters().stream()
          .map(parameter -> parameter.getSimpleName().toString()).toList()
          .indexOf(problem.targetParameter());
      String type = index < 0 ? "" : Descriptions.simpleName(
          target.type().getParameterTypes().get(index));
      if (problem.path().isPresent()) {
        onValue(report, Message.WRITE_KEY_PATH_INVALID, method, write, WriteAnnotation.KEY,
            problem.path().get(), write.written(), description, targetName,
            problem.targetParameter() + (type.isEmpty() ? "" : " (" + type + ")"),
            problem.reason());
      } else {
        onValue(report, Message.WRITE_KEY_MISSING, method, write, WriteAnnotation.VALUE,
            write.written(), description, targetName, problem.targetParameter(), type,
            problem.reason());
      }
    }
  }

  private boolean putFits(WriteAnnotation write, MethodDeclaration method, String description,
      MethodDeclaration target, ValidationReport.Builder report) {
    TypeMirror result = method.type().getReturnType();
    if (result.getKind() == TypeKind.VOID) {
      report.onAnnotation(Message.PUT_ON_VOID, method.element(), write.mirror(), write.written(),
          description, write.target());
      return false;
    }
    TypeMirror value = results.valueType(result);
    TypeMirror accepted = results.valueType(target.type().getReturnType());
    if (!types.isAssignable(value, accepted)) {
      onValue(report, Message.PUT_TYPE_MISMATCH, method, write, WriteAnnotation.VALUE,
          write.written(), description, Descriptions.simpleName(value),
          WriteTargets.signature(target), Descriptions.simpleName(accepted), write.target());
      return false;
    }
    return true;
  }

  private static void onValue(ValidationReport.Builder report, Message message,
      MethodDeclaration method, WriteAnnotation write, String attribute, Object... arguments) {
    report.onValue(message, method.element(), write.mirror(), write.value(attribute), arguments);
  }
}
