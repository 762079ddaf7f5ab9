package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method carrying {@code @Invalidate} or {@code @Put}: the proxy calls the origin, then writes
 * the caches it names. Never cached itself.
 *
 * @param element the interface method
 * @param returnType its return type, as the proxy sees it
 * @param result how it returns: for an async one, the steps run when its future completes
 * @param steps what it writes, in declaration order
 */
public record WriteMethod(
    ExecutableElement element, TypeName returnType, ResultKind result, List<WriteStep> steps)
    implements ProxyMethod {

  public WriteMethod {
    steps = List.copyOf(steps);
  }
}
