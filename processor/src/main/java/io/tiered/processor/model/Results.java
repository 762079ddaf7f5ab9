package io.tiered.processor.model;

import com.google.auto.common.MoreTypes;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** How a method returns its value, and the value's type once an async result completes. */
public final class Results {
  private final Elements elements;
  private final Types types;

  public Results(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  public static ResultKind kind(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return ResultKind.VALUE;
    }
    return switch (MoreTypes.asTypeElement(type).getQualifiedName().toString()) {
      case "java.util.concurrent.CompletableFuture" -> ResultKind.COMPLETABLE_FUTURE;
      case "java.util.concurrent.CompletionStage" -> ResultKind.COMPLETION_STAGE;
      case "reactor.core.publisher.Mono" -> ResultKind.MONO;
      case "reactor.core.publisher.Flux" -> ResultKind.FLUX;
      default -> ResultKind.VALUE;
    };
  }

  /**
   * The value's type: {@code type} itself, what its future or {@code Mono} completes with, or the
   * {@code List} of a {@code Flux}'s elements.
   */
  public TypeMirror valueType(TypeMirror type) {
    return switch (kind(type)) {
      case VALUE -> type;
      case FLUX -> types.getDeclaredType(elements.getTypeElement("java.util.List"),
          emittedType((DeclaredType) type));
      default -> emittedType((DeclaredType) type);
    };
  }

  /** What a future completes with, or a publisher emits; its upper bound for a wildcard. */
  public TypeMirror emittedType(DeclaredType publisher) {
    TypeMirror object = elements.getTypeElement("java.lang.Object").asType();
    if (publisher.getTypeArguments().isEmpty()) {
      return object;
    }
    TypeMirror argument = publisher.getTypeArguments().get(0);
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : object;
    }
    return argument;
  }
}
