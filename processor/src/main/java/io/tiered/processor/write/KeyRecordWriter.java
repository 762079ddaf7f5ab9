package io.tiered.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.tiered.processor.model.CachedMethod;
import io.tiered.processor.model.KeyComponent;
import io.tiered.processor.model.KeyComponent.Equality;
import io.tiered.processor.model.KeyRecord;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the key record of a method with several parameters or an array parameter. Records
 * compare arrays by identity, so a record holding one gets equals, hashCode and toString that
 * compare by content, and copies the array so a caller mutating it cannot corrupt the cache.
 */
final class KeyRecordWriter {

  TypeSpec record(CachedMethod method) {
    KeyRecord record = method.key().record().orElseThrow();
    TypeSpec.Builder type = TypeSpec.recordBuilder(record.name())
        .addJavadoc("The cache key of {@code $L}.\n", method.names().description())
        .addModifiers(Modifier.PUBLIC)
        .addTypeVariables(record.typeVariables())
        .recordConstructor(header(record));
    if (record.comparesArrays()) {
      type.addMethod(equals(record)).addMethod(hashCode(record)).addMethod(toString(record));
    }
    return type.build();
  }

  private static MethodSpec header(KeyRecord record) {
    MethodSpec.Builder header = record.comparesArrays()
        ? MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
        : MethodSpec.constructorBuilder();
    record.components()
        .forEach(component -> header.addParameter(component.type(), component.name()));
    for (KeyComponent component : record.components()) {
      if (component.equality() != Equality.OBJECT) {
        header.addStatement("$N = $L", component.name(),
            ArrayCopies.copy(component, CodeBlock.of("$N", component.name())));
      }
    }
    return header.build();
  }

  private static MethodSpec equals(KeyRecord record) {
    NameAllocator names = allocator(record);
    String other = names.newName("other");
    String that = names.newName("that");
    CodeBlock comparisons = record.components().stream()
        .map(component -> comparison(component, that))
        .collect(CodeBlock.joining("\n&& "));
    return MethodSpec.methodBuilder("equals")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.BOOLEAN)
        .addParameter(Object.class, other)
        .addStatement("return $N instanceof $T $N\n&& $L", other, wildcard(record), that,
            comparisons)
        .build();
  }

  private static CodeBlock comparison(KeyComponent component, String that) {
    String name = component.name();
    return switch (component.equality()) {
      case ARRAY -> CodeBlock.of("$T.equals($N, $N.$N)", RuntimeNames.ARRAYS, name, that, name);
      case DEEP_ARRAY ->
          CodeBlock.of("$T.deepEquals($N, $N.$N)", RuntimeNames.ARRAYS, name, that, name);
      case OBJECT -> component.type().isPrimitive()
          ? CodeBlock.of("$T.compare($N, $N.$N) == 0", component.type().box(), name, that, name)
          : CodeBlock.of("$T.equals($N, $N.$N)", RuntimeNames.OBJECTS, name, that, name);
    };
  }

  private static MethodSpec hashCode(KeyRecord record) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("hashCode")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT);
    List<KeyComponent> components = record.components();
    if (components.size() == 1) {
      return method.addStatement("return $L", hash(components.get(0))).build();
    }
    String hash = allocator(record).newName("hash");
    method.addStatement("int $N = $L", hash, hash(components.get(0)));
    for (KeyComponent component : components.subList(1, components.size())) {
      method.addStatement("$1N = 31 * $1N + $2L", hash, hash(component));
    }
    return method.addStatement("return $N", hash).build();
  }

  private static CodeBlock hash(KeyComponent component) {
    return switch (component.equality()) {
      case ARRAY -> CodeBlock.of("$T.hashCode($N)", RuntimeNames.ARRAYS, component.name());
      case DEEP_ARRAY -> CodeBlock.of("$T.deepHashCode($N)", RuntimeNames.ARRAYS, component.name());
      case OBJECT -> component.type().isPrimitive()
          ? CodeBlock.of("$T.hashCode($N)", component.type().box(), component.name())
          : CodeBlock.of("$T.hashCode($N)", RuntimeNames.OBJECTS, component.name());
    };
  }

  /** {@code "QuoteKey[sku=" + sku + ", skus=" + Arrays.toString(skus) + "]"}, as records print. */
  private static MethodSpec toString(KeyRecord record) {
    CodeBlock.Builder concatenation = CodeBlock.builder();
    String separator = record.name().simpleName() + "[";
    for (KeyComponent component : record.components()) {
      concatenation.add("$S +$W$L +$W", separator + component.name() + "=", printed(component));
      separator = ", ";
    }
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $L$S", concatenation.build(), "]")
        .build();
  }

  private static CodeBlock printed(KeyComponent component) {
    return switch (component.equality()) {
      case ARRAY -> CodeBlock.of("$T.toString($N)", RuntimeNames.ARRAYS, component.name());
      case DEEP_ARRAY -> CodeBlock.of("$T.deepToString($N)", RuntimeNames.ARRAYS, component.name());
      case OBJECT -> CodeBlock.of("$N", component.name());
    };
  }

  /** Hands out local names that no component hides. */
  private static NameAllocator allocator(KeyRecord record) {
    NameAllocator names = new NameAllocator();
    record.components().forEach(component -> names.newName(component.name(), component));
    return names;
  }

  /** {@code FindKey<?, ?>} for a generic record, since a pattern cannot test type arguments. */
  private static TypeName wildcard(KeyRecord record) {
    ClassName name = record.name();
    if (record.typeVariables().isEmpty()) {
      return name;
    }
    return ParameterizedTypeName.get(name, record.typeVariables().stream()
        .map(variable -> WildcardTypeName.subtypeOf(Object.class)).toArray(TypeName[]::new));
  }
}
