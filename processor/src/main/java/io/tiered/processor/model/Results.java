package io.tiered.processor.model;

import com.google.auto.common.MoreTypes;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/** How a method returns its value, and the value's type once an async result completes. */
public final class Results {
  private final Elements elements;

  public Results(Elements elements) {
    this.elements = elements;
  }

  public static ResultKind kind(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return ResultKind.VALUE;
    }
    return switch (MoreTypes.asTypeElement(type).getQualifiedName().toString()) {
      case "java.util.concurrent.CompletableFuture" -> ResultKind.COMPLETABLE_FUTURE;
      case "java.util.concurrent.CompletionStage" -> ResultKind.COMPLETION_STAGE;
      default -> ResultKind.VALUE;
    };
  }

  /** The value's type: {@code type} itself, or what its future completes with. */
  public TypeMirror valueType(TypeMirror type) {
    return kind(type).isAsync() ? completedType((DeclaredType) type) : type;
  }

  private TypeMirror completedType(DeclaredType future) {
    TypeMirror object = elements.getTypeElement("java.lang.Object").asType();
    if (future.getTypeArguments().isEmpty()) {
      return object;
    }
    TypeMirror argument = future.getTypeArguments().get(0);
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : object;
    }
    return argument;
  }
}
