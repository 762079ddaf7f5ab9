package io.tiered.processor;

import javax.lang.model.element.TypeElement;

/**
 * What the processor does with each interface whose types are all known: {@link ProxyStep} in
 * production; tests wrap it to make the processor fail on one interface.
 */
@FunctionalInterface
interface InterfaceStep {
  void process(TypeElement type);
}
