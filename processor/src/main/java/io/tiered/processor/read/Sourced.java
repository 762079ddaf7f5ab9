package io.tiered.processor.read;

import javax.lang.model.element.Element;

/**
 * An annotation together with the element it is written on, so a diagnostic can point at it.
 *
 * @param element the interface or method carrying the annotation
 * @param annotation the annotation's record
 */
public record Sourced<A>(Element element, A annotation) {}
