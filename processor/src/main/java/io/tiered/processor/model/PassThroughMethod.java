package io.tiered.processor.model;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;

/**
 * A method the proxy forwards to the origin unchanged: void, default or uncached.
 *
 * @param element the interface method
 */
public record PassThroughMethod(ExecutableElement element) implements ProxyMethod {

  public boolean returnsVoid() {
    return element.getReturnType().getKind() == TypeKind.VOID;
  }
}
