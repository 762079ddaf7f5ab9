package io.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the undecorated service, the origin that a generated proxy caches, in a JSR-330
 * container.
 *
 * <p>When {@code jakarta.inject} is on the compile classpath, the processor makes each proxy
 * injectable: {@code TieredPriceService} is {@code @Singleton}, and its {@code (origin, runtime)}
 * constructor is {@code @Inject} with {@code @TieredOrigin} on {@code origin}. Bind the service
 * itself under this qualifier and the interface to the proxy; everything that injects the
 * interface then gets the cached service.
 *
 * <p>Dagger:
 *
 * <pre>{@code
 * @Module
 * interface PricesModule {
 *   @Binds @TieredOrigin PriceService origin(HttpPriceService impl);
 *   @Binds PriceService prices(TieredPriceService cached);
 *
 *   @Provides @Singleton static TieredRuntime runtime() {
 *     return TieredRuntime.builder().tier("shared", Tiers.memory()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Guice:
 *
 * <pre>{@code
 * bind(PriceService.class).annotatedWith(TieredOrigin.class).to(HttpPriceService.class);
 * bind(PriceService.class).to(TieredPriceService.class);
 * bind(TieredRuntime.class).toInstance(runtime);
 * }</pre>
 *
 * <p>Only generated code and container bindings refer to this annotation, so an application
 * without {@code jakarta.inject} never loads it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
@jakarta.inject.Qualifier
public @interface TieredOrigin {}
