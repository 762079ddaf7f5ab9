package io.tiered.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Arbitrary Java types, written with qualified names so no nested type can hide them. */
final class TypeGen {
  private static final Map<String, String> BOXES = Map.of("int", "Integer", "long", "Long",
      "boolean", "Boolean", "char", "Character", "byte", "Byte", "short", "Short",
      "double", "Double", "float", "Float");

  /**
   * A type as the interface's source writes it.
   *
   * @param erasure what it erases to, so overloads that javac would reject can be dropped
   * @param mentionsVariable whether it uses a type variable of the interface
   */
  record JavaType(String source, String erasure, boolean primitive, boolean mentionsVariable) {
    JavaType boxed() {
      return primitive ? new JavaType(BOXES.get(source), BOXES.get(source), false, false) : this;
    }

    String defaultValue() {
      return switch (source) {
        case "void" -> "";
        case "boolean" -> "false";
        case "char" -> "'x'";
        case "byte", "short" -> "(" + source + ") 0";
        default -> primitive ? "0" : "null";
      };
    }

    @Override
    public String toString() {
      return source;
    }
  }

  private TypeGen() {}

  static JavaType named(String simpleName) {
    return new JavaType(simpleName, simpleName, false, false);
  }

  /** A type variable declared as {@code K} or {@code K extends Comparable<K>}. */
  static JavaType variable(String declaration) {
    String[] parts = declaration.split(" extends ");
    String erasure = parts.length == 1 ? "Object" : parts[1].replaceAll("<.*>", "");
    return new JavaType(parts[0], erasure, false, true);
  }

  static Arbitrary<JavaType> any(List<JavaType> variables, List<JavaType> nested, int depth) {
    return depth == 0
        ? leaf(variables, nested)
        : Arbitraries.frequencyOf(
            Tuple.of(3, leaf(variables, nested)),
            Tuple.of(2, composite(variables, nested, depth)));
  }

  static Arbitrary<JavaType> reference(List<JavaType> variables, List<JavaType> nested,
      int depth) {
    return any(variables, nested, depth).map(JavaType::boxed);
  }

  /** A return type: any type, {@code void}, or a future of one. */
  static Arbitrary<JavaType> result(List<JavaType> variables, List<JavaType> nested) {
    Arbitrary<JavaType> completed = reference(variables, nested, 1);
    return Arbitraries.frequencyOf(
        Tuple.of(8, any(variables, nested, 2)),
        Tuple.of(2, Arbitraries.just(new JavaType("void", "void", true, false))),
        Tuple.of(2, completed.map(type -> generic("java.util.concurrent.CompletableFuture", type))),
        Tuple.of(1, completed.map(type -> generic("java.util.concurrent.CompletionStage", type))),
        Tuple.of(1, Arbitraries.of(
            fixed("java.util.concurrent.CompletableFuture<?>"),
            fixed("java.util.concurrent.CompletableFuture<? extends Number>"),
            fixed("java.util.concurrent.CompletionStage<? super Integer>"))));
  }

  private static Arbitrary<JavaType> leaf(List<JavaType> variables, List<JavaType> nested) {
    List<JavaType> leaves = new ArrayList<>();
    BOXES.keySet().stream().sorted()
        .forEach(primitive -> leaves.add(new JavaType(primitive, primitive, true, false)));
    List.of("Integer", "Long", "Boolean", "String", "String", "Object", "Number")
        .forEach(type -> leaves.add(named(type)));
    leaves.addAll(nested);
    leaves.addAll(variables);
    return Arbitraries.of(leaves);
  }

  private static Arbitrary<JavaType> composite(List<JavaType> variables, List<JavaType> nested,
      int depth) {
    Arbitrary<JavaType> element = reference(variables, nested, depth - 1);
    return Arbitraries.oneOf(
        any(variables, nested, depth - 1).map(TypeGen::array),
        element.map(type -> generic("java.util.List", type)),
        element.map(type -> generic("java.util.Set", type)),
        element.map(type -> generic("java.util.Optional", type)),
        element.map(type -> generic("java.util.List", "? extends ", type)),
        Arbitraries.of(
            fixed("java.util.Map<String, java.util.Set<Long>>"),
            fixed("java.util.List<? extends Number>"),
            fixed("java.util.List<? super Integer>"),
            fixed("java.util.Map<?, ?>"),
            fixed("java.util.List<int[][]>")));
  }

  private static JavaType array(JavaType component) {
    return new JavaType(component.source() + "[]", component.erasure() + "[]", false,
        component.mentionsVariable());
  }

  private static JavaType generic(String raw, JavaType argument) {
    return generic(raw, "", argument);
  }

  private static JavaType generic(String raw, String wildcard, JavaType argument) {
    return new JavaType(raw + "<" + wildcard + argument.source() + ">", raw, false,
        argument.mentionsVariable());
  }

  private static JavaType fixed(String source) {
    return new JavaType(source, source.replaceAll("<.*>", ""), false, false);
  }
}
