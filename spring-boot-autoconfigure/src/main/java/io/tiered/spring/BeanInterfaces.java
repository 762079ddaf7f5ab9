package io.tiered.spring;

import io.tiered.Tiered;
import io.tiered.runtime.TieredProxies;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.util.ClassUtils;

/**
 * What a bean class's interfaces ask of the starter: those with a generated proxy to wrap the bean
 * in, and those that carry {@code @Tiered} but have no proxy, because the processor never ran on
 * them.
 *
 * @param proxied the most specific interfaces with a generated proxy, sorted by name
 * @param unprocessed the interfaces that carry {@code @Tiered} and have no generated proxy, sorted
 *     by name
 */
record BeanInterfaces(List<Class<?>> proxied, List<Class<?>> unprocessed) {
  private static final Comparator<Class<?>> BY_NAME = Comparator.comparing(Class::getName);
  /** Read once per interface: most beans share a few (Aware, Ordered, repositories' bases). */
  private static final ClassValue<Boolean> CARRIES_TIERED = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> iface) {
      return iface.isAnnotationPresent(Tiered.class)
          || Arrays.stream(iface.getDeclaredMethods()).anyMatch(BeanInterfaces::isTiered);
    }
  };

  static BeanInterfaces of(Class<?> beanClass) {
    // Only an interface carrying @Tiered can have a proxy: looking one up for every interface of
    // every bean is a failed class lookup each, which in a Boot fat jar cost 1 s of start-up.
    List<Class<?>> annotated = ClassUtils.getAllInterfacesForClassAsSet(beanClass).stream()
        .filter(BeanInterfaces::carriesTiered)
        .toList();
    List<Class<?>> proxied = annotated.stream().filter(TieredProxies::hasProxy).toList();
    List<Class<?>> mostSpecific = proxied.stream()
        .filter(iface -> proxied.stream()
            .noneMatch(other -> other != iface && iface.isAssignableFrom(other)))
        .sorted(BY_NAME)
        .toList();
    List<Class<?>> unprocessed = annotated.stream()
        .filter(iface -> !TieredProxies.hasProxy(iface))
        .sorted(BY_NAME)
        .toList();
    return new BeanInterfaces(mostSpecific, unprocessed);
  }

  /** As the processor decides which interfaces it generates a proxy for. */
  private static boolean carriesTiered(Class<?> iface) {
    return CARRIES_TIERED.get(iface);
  }

  private static boolean isTiered(Method method) {
    return method.isAnnotationPresent(Tiered.class);
  }
}
