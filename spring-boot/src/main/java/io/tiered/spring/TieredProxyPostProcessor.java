package io.tiered.spring;

import io.tiered.micrometer.TieredMetrics;
import io.tiered.runtime.TieredProxies;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Hands out, in place of every bean that implements an interface with a generated proxy, that
 * proxy around the bean, so injection points of the interface receive the cached service.
 *
 * <p>Not {@code Ordered}, so it runs after every ordered post-processor: Spring's AOP proxies
 * ({@code @Transactional}, {@code @Async}, aspects) are made around the bean itself, and the Tiered
 * proxy around them, so a cache miss still goes through the advice. Circular references get the
 * same Tiered proxy as the finished bean ({@link #getEarlyBeanReference}).
 */
final class TieredProxyPostProcessor implements SmartInstantiationAwareBeanPostProcessor {
  private static final Log LOG = LogFactory.getLog(TieredProxyPostProcessor.class);

  private final ObjectProvider<TieredRuntime> runtime;
  private final ObjectProvider<TieredMetrics> metrics;
  private final Set<String> excludedBeans;
  private final Map<Class<?>, List<Class<?>>> cachedInterfaces = new ConcurrentHashMap<>();
  private final Map<Class<?>, String> wrappedBeans = new ConcurrentHashMap<>();
  private final Set<String> earlyReferences = ConcurrentHashMap.newKeySet();

  TieredProxyPostProcessor(ObjectProvider<TieredRuntime> runtime,
      ObjectProvider<TieredMetrics> metrics, Collection<String> excludedBeans) {
    this.runtime = runtime;
    this.metrics = metrics;
    this.excludedBeans = Set.copyOf(excludedBeans);
  }

  @Override
  public Object getEarlyBeanReference(Object bean, String beanName) {
    earlyReferences.add(beanName);
    return wrapIfCached(bean, beanName);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (earlyReferences.remove(beanName)) {
      return bean; // its early reference is the proxy, which Spring now exposes as the bean
    }
    return wrapIfCached(bean, beanName);
  }

  private Object wrapIfCached(Object bean, String beanName) {
    if (bean instanceof TieredProxy || excludedBeans.contains(beanName)
        || ScopedProxyUtils.isScopedTarget(beanName)) {
      return bean; // a scoped target is wrapped once, through its scoped proxy
    }
    List<Class<?>> interfaces = cachedInterfaces.computeIfAbsent(bean.getClass(),
        TieredProxyPostProcessor::cachedInterfaces);
    if (interfaces.isEmpty()) {
      return bean;
    }
    if (interfaces.size() > 1) {
      throw new IllegalStateException("Bean '" + beanName + "' (" + bean.getClass().getName()
          + ") implements " + names(interfaces) + ", which each have a generated Tiered proxy;"
          + " a proxy implements one of them, so the bean cannot be wrapped. Split it into one"
          + " bean per interface, or list it in tiered.excluded-beans to leave it unwrapped.");
    }
    return wrap(interfaces.get(0), bean, beanName);
  }

  private <T> T wrap(Class<T> iface, Object bean, String beanName) {
    String other = wrappedBeans.putIfAbsent(iface, beanName);
    if (other != null && !other.equals(beanName)) {
      throw new IllegalStateException("Beans '" + other + "' and '" + beanName + "' both implement "
          + iface.getName() + ". Tiered wraps one bean per interface: the caches of both proxies"
          + " would have the same names, so they would share entries in fallback tiers and one"
          + " set of meters. List the bean to leave unwrapped in tiered.excluded-beans, or give"
          + " each bean its own interface.");
    }
    T proxy = TieredProxies.wrap(iface, iface.cast(bean), runtime.getObject());
    metrics.ifAvailable(registered -> registered.monitor((TieredProxy) proxy));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Bean '" + beanName + "' is wrapped in " + proxy.getClass().getName());
    }
    return proxy;
  }

  /** The most specific of the interfaces {@code type} implements that have a generated proxy. */
  private static List<Class<?>> cachedInterfaces(Class<?> type) {
    List<Class<?>> cached = ClassUtils.getAllInterfacesForClassAsSet(type).stream()
        .filter(TieredProxies::hasProxy)
        .toList();
    return cached.stream()
        .filter(iface -> cached.stream()
            .noneMatch(other -> other != iface && iface.isAssignableFrom(other)))
        .sorted((a, b) -> a.getName().compareTo(b.getName()))
        .toList();
  }

  private static String names(List<Class<?>> interfaces) {
    return interfaces.stream().map(Class::getName).collect(Collectors.joining(" and "));
  }
}
