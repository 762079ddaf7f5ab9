package io.tiered.processor.model;

import io.tiered.processor.read.Descriptions;
import io.tiered.processor.read.EffectiveSettings;
import io.tiered.processor.read.InterfaceDeclaration;
import io.tiered.processor.read.MethodDeclaration;
import io.tiered.processor.read.SettingsResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names the caches, handles and key records of an interface's cached methods.
 *
 * <ul>
 *   <li>Cache name: the method's {@code @Tiered(name)}; else the interface's {@code @Tiered(name)}
 *       or simple name, a dot, and the method name. Overloaded methods append their parameter
 *       types: {@code PriceService.price(String, int)}.
 *   <li>Handle: the method name and {@code Cache} ({@code priceCache}). Overloaded methods insert
 *       their capitalised parameter types, arrays as {@code Array}: {@code priceStringIntCache}.
 *       A handle that would clash with a method of the interface, or an earlier handle, gets
 *       the first free number appended ({@code priceCache2}).
 *   <li>Key record: the capitalised method name, the same overload infix, and {@code Key}
 *       ({@code QuoteKey}, {@code QuoteStringIntKey}), numbered likewise on a clash.
 * </ul>
 */
public final class MethodNaming {
  private MethodNaming() {}

  /** The names of {@code owner}'s cached methods, in their order. */
  public static List<MethodNames> assign(InterfaceDeclaration owner) {
    List<MethodDeclaration> cached = owner.cachedMethods();
    Set<String> overloaded = overloadedNames(cached);
    Set<String> members = new HashSet<>();
    owner.methods().stream().filter(method -> !method.hasParameters())
        .forEach(method -> members.add(method.name()));
    Set<String> types =
        new HashSet<>(Set.of(owner.simpleName(), ProxyNames.of(owner.element()).simpleName()));
    List<MethodNames> names = new ArrayList<>();
    for (MethodDeclaration method : cached) {
      boolean overload = overloaded.contains(method.name());
      String infix = overload ? infix(method) : "";
      String keyRecord = KeyShape.of(method.type()) == KeyShape.RECORD
          ? allocate(capitalize(method.name()) + infix + "Key", types)
          : "";
      names.add(new MethodNames(
          cacheName(owner, method, overload),
          Descriptions.method(owner.simpleName(), method),
          allocate(method.name() + infix + "Cache", members),
          keyRecord));
    }
    return names;
  }

  private static Set<String> overloadedNames(List<MethodDeclaration> methods) {
    return methods.stream()
        .collect(Collectors.groupingBy(MethodDeclaration::name, Collectors.counting()))
        .entrySet().stream().filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  private static String cacheName(InterfaceDeclaration owner, MethodDeclaration method,
      boolean overload) {
    EffectiveSettings settings = SettingsResolver.resolve(owner, method);
    if (!settings.name().isEmpty()) {
      return settings.name();
    }
    String prefix = settings.prefix().isEmpty() ? owner.simpleName() : settings.prefix();
    return prefix + "." + method.name()
        + (overload ? Descriptions.parameters(method.type().getParameterTypes()) : "");
  }

  private static String infix(MethodDeclaration method) {
    Function<String, String> word = name -> capitalize(name.replace("[]", "Array"));
    return method.type().getParameterTypes().stream()
        .map(Descriptions::simpleName).map(word).collect(Collectors.joining());
  }

  private static String allocate(String wanted, Set<String> taken) {
    String name = wanted;
    for (int suffix = 2; !taken.add(name); suffix++) {
      name = wanted + suffix;
    }
    return name;
  }

  static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
