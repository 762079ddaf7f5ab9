package io.tiered.spring;

import io.tiered.runtime.TieredProxies;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;

/**
 * Hands out, in place of every bean that implements an interface with a generated proxy, that
 * proxy around the bean, so injection points of the interface receive the cached service.
 *
 * <p>Not {@code Ordered}, so it runs after every ordered post-processor: Spring's AOP proxies
 * ({@code @Transactional}, {@code @Async}, aspects) are made around the bean itself, and the Tiered
 * proxy around them, so a cache miss still goes through the advice. Circular references get the
 * same Tiered proxy as the finished bean ({@link #getEarlyBeanReference}). The objects a
 * {@code FactoryBean} makes (every Spring Data repository) are post-processed like beans, so they
 * are wrapped too; since the bean factory types them by the factory's {@code getObjectType()}, the
 * singletons wrapped here are kept for the endpoint ({@link #wrappedSingletons}).
 *
 * <p>A bean of an interface that carries {@code @Tiered} but has no generated proxy fails the start
 * (or, with {@code tiered.require-proxies=false}, logs a WARN): a build that did not run the
 * processor must not yield an application that silently caches nothing.
 */
final class TieredProxyPostProcessor implements SmartInstantiationAwareBeanPostProcessor,
    BeanFactoryAware {
  private static final Log LOG = LogFactory.getLog(TieredProxyPostProcessor.class);

  private final ObjectProvider<TieredRuntime> runtime;
  private final ObjectProvider<ProxyMonitor> monitors;
  private final Set<String> excludedBeans;
  private final boolean requireProxies;
  private final Map<Class<?>, BeanInterfaces> interfaces = new ConcurrentHashMap<>();
  private final Map<Class<?>, String> wrappedBeans = new ConcurrentHashMap<>();
  private final Map<String, TieredProxy> wrappedSingletons = new ConcurrentHashMap<>();
  private final Set<Class<?>> warnedUnprocessed = ConcurrentHashMap.newKeySet();
  private final Set<String> earlyReferences = ConcurrentHashMap.newKeySet();
  private @Nullable BeanFactory beanFactory;

  TieredProxyPostProcessor(ObjectProvider<TieredRuntime> runtime,
      ObjectProvider<ProxyMonitor> monitors, Collection<String> excludedBeans,
      boolean requireProxies) {
    this.runtime = runtime;
    this.monitors = monitors;
    this.excludedBeans = Set.copyOf(excludedBeans);
    this.requireProxies = requireProxies;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
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

  /** {@return the singleton beans wrapped so far, by bean name} */
  Map<String, TieredProxy> wrappedSingletons() {
    return new TreeMap<>(wrappedSingletons);
  }

  private Object wrapIfCached(Object bean, String beanName) {
    if (bean instanceof TieredProxy || excludedBeans.contains(beanName)
        || ScopedProxyUtils.isScopedTarget(beanName)) {
      return bean; // a scoped target is wrapped once, through its scoped proxy
    }
    BeanInterfaces found = interfaces.computeIfAbsent(bean.getClass(), BeanInterfaces::of);
    if (!found.unprocessed().isEmpty()) {
      reportUnprocessed(beanName, bean.getClass(), found.unprocessed());
    }
    List<Class<?>> proxied = found.proxied();
    if (proxied.isEmpty()) {
      return bean;
    }
    if (proxied.size() > 1) {
      throw new IllegalStateException("Bean '" + beanName + "' (" + bean.getClass().getName()
          + ") implements " + names(proxied) + ", which each have a generated Tiered proxy;"
          + " a proxy implements one of them, so the bean cannot be wrapped. Split it into one"
          + " bean per interface, or list it in tiered.excluded-beans to leave it unwrapped.");
    }
    return wrap(proxied.get(0), bean, beanName);
  }

  private void reportUnprocessed(String beanName, Class<?> beanClass,
      List<Class<?>> unprocessed) {
    MissingProxyException missing = new MissingProxyException(beanName, beanClass, unprocessed);
    if (requireProxies) {
      throw missing;
    }
    if (warnedUnprocessed.addAll(unprocessed)) {
      LOG.warn(missing.getMessage());
    }
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
    TieredProxy wrapped = (TieredProxy) proxy;
    monitors.orderedStream().forEach(monitor -> monitor.monitor(wrapped));
    if (isSingleton(beanName)) {
      wrappedSingletons.put(beanName, wrapped);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Bean '" + beanName + "' is wrapped in " + proxy.getClass().getName());
    }
    return proxy;
  }

  /** True for a singleton bean, or the singleton object of a {@code FactoryBean}. */
  private boolean isSingleton(String beanName) {
    BeanFactory beans = beanFactory;
    return beans != null && beans.containsBean(beanName) && beans.isSingleton(beanName);
  }

  private static String names(List<Class<?>> interfaces) {
    return interfaces.stream().map(Class::getName).collect(Collectors.joining(" and "));
  }
}
