package io.tiered.spring;

import io.tiered.runtime.TieredRuntime;

/**
 * Customizes the {@link TieredRuntime} the starter builds, after the starter has bound its tiers
 * and listeners: a refresh executor, a clock, another tier or listener. Every such bean applies,
 * in {@code @Order}; an application that defines its own {@code TieredRuntime} bean gets none of
 * them (nor the starter's tiers), so prefer a customizer to a runtime of your own.
 *
 * <pre>{@code
 * @Bean
 * TieredRuntimeCustomizer refreshOnOurExecutor(Executor refreshes) {
 *   return runtime -> runtime.refreshExecutor(refreshes);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TieredRuntimeCustomizer {

  /**
   * Customizes the runtime about to be built.
   *
   * @param runtime the starter's builder, with its tiers and listeners bound
   */
  void customize(TieredRuntime.Builder runtime);
}
