package io.tiered.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import io.tiered.processor.model.ProxyModel;
import java.util.function.Consumer;

/**
 * Makes an injectable proxy a JSR-330 binding: the class {@code @Singleton}, so a container
 * makes one cache per interface; its constructor {@code @Inject}, with {@code @TieredOrigin} on
 * the origin, so the container tells the service apart from the proxy that implements the same
 * interface. A proxy that is not injectable is left as it is.
 */
final class InjectionWriter {
  private InjectionWriter() {}

  static void annotateClass(TypeSpec.Builder type, ProxyModel proxy) {
    annotate(proxy, RuntimeNames.SINGLETON, type::addAnnotation);
  }

  static void annotateConstructor(MethodSpec.Builder constructor, ProxyModel proxy) {
    annotate(proxy, RuntimeNames.INJECT, constructor::addAnnotation);
  }

  /** The constructor's {@code origin} parameter. */
  static ParameterSpec origin(ProxyModel proxy) {
    ParameterSpec.Builder origin = ParameterSpec.builder(proxy.interfaceType(), "origin");
    annotate(proxy, RuntimeNames.TIERED_ORIGIN, origin::addAnnotation);
    return origin.build();
  }

  private static void annotate(ProxyModel proxy, ClassName annotation,
      Consumer<AnnotationSpec> target) {
    if (proxy.injectable()) {
      target.accept(AnnotationSpec.builder(annotation).build());
    }
  }
}
