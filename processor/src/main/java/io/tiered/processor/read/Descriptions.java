package io.tiered.processor.read;

import com.google.auto.common.MoreTypes;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;

/** Names types and methods as a reader would: {@code PriceService.quote(String, int)}. */
public final class Descriptions {
  private Descriptions() {}

  /** The type without package or type arguments: {@code String[]}, {@code List}, {@code int}. */
  public static String simpleName(TypeMirror type) {
    return switch (type.getKind()) {
      case ARRAY -> simpleName(((ArrayType) type).getComponentType()) + "[]";
      case DECLARED, TYPEVAR -> MoreTypes.asElement(type).getSimpleName().toString();
      default -> type.toString();
    };
  }

  /** {@code (String, int)}. */
  public static String parameters(List<? extends TypeMirror> types) {
    return types.stream().map(Descriptions::simpleName).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code Owner.method(String, int)}, as seen from the interface named {@code owner}. */
  public static String method(String owner, MethodDeclaration method) {
    return owner + "." + method.name() + parameters(method.type().getParameterTypes());
  }

  /** {@code owner.method(String, int)}, with the parameter types as declared. */
  public static String method(String owner, ExecutableElement method) {
    return owner + "." + signature(method);
  }

  /** {@code method(String, int)}, with the parameter types as declared. */
  public static String signature(ExecutableElement method) {
    return method.getSimpleName()
        + parameters(method.getParameters().stream().map(Element::asType).toList());
  }

  /** {@code price(String) inherited from com.acme.Base}: a member seen from a subtype. */
  public static String inherited(Element member) {
    String name = member instanceof ExecutableElement method
        ? signature(method)
        : member.getSimpleName().toString();
    Element owner = member.getEnclosingElement();
    return name + " inherited from "
        + (owner instanceof TypeElement type ? type.getQualifiedName() : owner.getSimpleName());
  }

  /** A method as declared, {@code Owner.method(String)}, or a type's simple name. */
  public static String element(Element element) {
    if (element instanceof ExecutableElement method) {
      return method(method.getEnclosingElement().getSimpleName().toString(), method);
    }
    return element.getSimpleName().toString();
  }
}
