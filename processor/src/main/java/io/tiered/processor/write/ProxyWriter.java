package io.tiered.processor.write;

import com.google.auto.common.GeneratedAnnotations;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.tiered.processor.model.ProxyModel;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes a proxy's source file. Members come in a fixed order: fields, constructor,
 * {@code wrap} (only without {@code @Fallback} tiers: see {@link ProxyModel#hasFallbackTiers}),
 * the interface's methods in declaration order, handles, {@code caches()}, {@code toString()}, key
 * records.
 */
public final class ProxyWriter {
  private final Elements elements;
  private final SourceVersion sourceVersion;
  private final ConstructorWriter constructors;
  private final MethodWriter methods;
  private final HandleWriter handles = new HandleWriter();
  private final BulkWriter bulks;
  private final KeyRecordWriter keys = new KeyRecordWriter();

  public ProxyWriter(Elements elements, Types types, SourceVersion sourceVersion) {
    this.elements = elements;
    this.sourceVersion = sourceVersion;
    DefinitionWriter definitions = new DefinitionWriter(new TypeLiteralWriter(types));
    this.bulks = new BulkWriter(definitions);
    this.constructors = new ConstructorWriter(definitions, bulks);
    this.methods = new MethodWriter(types, bulks);
  }

  public JavaFile write(ProxyModel proxy) {
    TypeSpec.Builder type = TypeSpec.classBuilder(proxy.name())
        .addOriginatingElement(proxy.origin())
        // The proxy inherits the interface's member types: an import must not be hidden by one.
        .avoidClashesWithNestedClasses(proxy.origin())
        .addJavadoc("Caches the methods of {@link $T} as its annotations say.\n\n"
            + "<p>Equality is identity, as for any wrapper.\n", ClassName.get(proxy.origin()))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addTypeVariables(proxy.typeVariables())
        .addSuperinterface(proxy.interfaceType())
        .addSuperinterface(RuntimeNames.TIERED_PROXY)
        .addField(FieldSpec.builder(
            proxy.interfaceType(), "origin", Modifier.PRIVATE, Modifier.FINAL).build());
    if (proxy.invalidatesTags()) {
      type.addField(FieldSpec.builder(
          RuntimeNames.TIERED_RUNTIME, "runtime", Modifier.PRIVATE, Modifier.FINAL).build());
    }
    generated().ifPresent(type::addAnnotation);
    InjectionWriter.annotateClass(type, proxy);
    proxy.cachedMethods().forEach(method -> type.addField(handles.field(method)));
    proxy.bulkMethods().forEach(method -> type.addField(bulks.field(method)));
    type.addMethod(constructors.constructor(proxy));
    if (!proxy.hasFallbackTiers()) {
      type.addMethod(constructors.wrap(proxy));
    }
    proxy.methods().forEach(method -> type.addMethod(methods.method(proxy, method)));
    proxy.cachedMethods()
        .forEach(method -> type.addMethod(handles.handle(method, proxy.cachedMethods())));
    proxy.bulkMethods().stream().filter(method -> !method.ownsCache())
        .forEach(method -> type.addMethod(bulks.sharedHandle(method)));
    type.addMethod(handles.caches(proxy)).addMethod(toString(proxy));
    proxy.cachedMethods().stream().filter(method -> method.key().record().isPresent())
        .map(keys::record).forEach(type::addType);
    return JavaFile.builder(proxy.name().packageName(), type.build())
        .skipJavaLangImports(true)
        .build();
  }

  private Optional<AnnotationSpec> generated() {
    return GeneratedAnnotations.generatedAnnotation(elements, sourceVersion)
        .map(annotation -> AnnotationSpec.builder(ClassName.get(annotation))
            .addMember("value", "$S", RuntimeNames.PROCESSOR)
            .build());
  }

  private static MethodSpec toString(ProxyModel proxy) {
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S + origin + $S", proxy.name().simpleName() + "[", "]")
        .build();
  }
}
