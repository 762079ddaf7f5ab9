package io.tiered.spring;

import io.tiered.Tiered;
import io.tiered.runtime.TieredProxies;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
    // Only an interface carrying @Tiered can have a proxy: the others are not looked up (a failed
    // class lookup each, for every interface of every bean).
    Map<Boolean, List<Class<?>>> byProxy = ClassUtils.getAllInterfacesForClassAsSet(beanClass)
        .stream()
        .filter(BeanInterfaces::carriesTiered)
        .collect(Collectors.partitioningBy(TieredProxies::hasProxy));
    List<Class<?>> proxied = byProxy.get(true);
    List<Class<?>> mostSpecific = proxied.stream()
        .filter(iface -> proxied.stream()
            .noneMatch(other -> other != iface && iface.isAssignableFrom(other)))
        .sorted(BY_NAME)
        .toList();
    List<Class<?>> unprocessed = byProxy.get(false).stream().sorted(BY_NAME).toList();
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
