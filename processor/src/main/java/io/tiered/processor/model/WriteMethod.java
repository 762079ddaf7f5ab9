package io.tiered.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method carrying {@code @Invalidate}, {@code @Put} or {@code @InvalidateTag}: the proxy calls
 * the origin, then writes the caches it names and invalidates the tags. Never cached itself.
 *
 * @param element the interface method
 * @param returnType its return type, as the proxy sees it
 * @param result how it returns: for an async one, the steps run when its future completes
 * @param steps what it writes, in declaration order
 * @param tags the tags it invalidates before its steps, in declaration order, over its parameters
 */
public record WriteMethod(
    ExecutableElement element,
    TypeName returnType,
    ResultKind result,
    List<WriteStep> steps,
    List<TagTemplate> tags) implements ProxyMethod {

  public WriteMethod {
    steps = List.copyOf(steps);
    tags = List.copyOf(tags);
  }
}
