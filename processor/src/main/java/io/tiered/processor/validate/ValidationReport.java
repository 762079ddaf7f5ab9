package io.tiered.processor.validate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * What validating one subject, usually an interface, found. Generation runs only on a report
 * without errors.
 */
public final class ValidationReport {
  private final Element subject;
  private final List<Finding> findings;

  private ValidationReport(Element subject, List<Finding> findings) {
    this.subject = subject;
    this.findings = List.copyOf(findings);
  }

  /** A report on {@code subject}: findings on other files' elements are printed on it. */
  public static Builder about(Element subject) {
    return new Builder(subject);
  }

  public Element subject() {
    return subject;
  }

  public List<Finding> findings() {
    return findings;
  }

  public boolean isClean() {
    return findings.stream().noneMatch(Finding::isError);
  }

  /** Collects findings in the order they are found; the same finding twice is kept once. */
  public static final class Builder {
    private final Element subject;
    private final Set<Finding> findings = new LinkedHashSet<>();

    private Builder(Element subject) {
      this.subject = subject;
    }

    /** Reports {@code message} on {@code value}, an attribute of {@code mirror} on {@code element}. */
    public Builder onValue(Message message, Element element, AnnotationMirror mirror,
        AnnotationValue value, Object... arguments) {
      return add(message, element, Optional.of(mirror), Optional.of(value), arguments);
    }

    /** Reports {@code message} on {@code mirror} on {@code element}. */
    public Builder onAnnotation(Message message, Element element, AnnotationMirror mirror,
        Object... arguments) {
      return add(message, element, Optional.of(mirror), Optional.empty(), arguments);
    }

    /** Reports {@code message} on {@code element}, or on its annotation {@code mirror} if any. */
    public Builder onElement(Message message, Element element, Optional<AnnotationMirror> mirror,
        Object... arguments) {
      return add(message, element, mirror, Optional.empty(), arguments);
    }

    private Builder add(Message message, Element element, Optional<AnnotationMirror> mirror,
        Optional<AnnotationValue> value, Object... arguments) {
      findings.add(new Finding(message, message.detail(arguments), element, mirror, value));
      return this;
    }

    public ValidationReport build() {
      return new ValidationReport(subject, List.copyOf(findings));
    }
  }
}
