package io.tiered.processor.validate;

import com.google.auto.common.AnnotationMirrors;
import com.google.auto.common.MoreTypes;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Prints findings, each once, where javac can show them. A finding on an element outside the file
 * of the report's subject (an inherited method) is printed on the subject instead, naming the
 * element; see {@link Finding#seenFrom}. Findings go through the {@link Messager}, except one on
 * an annotation that is repeated (two {@code @Fallback}s): javac keeps those inside a container
 * annotation it synthesized, which has no place in the source, so the Messager would put the
 * finding on the annotated element. Under javac, such a finding is placed on its own annotation,
 * and attribute, through the {@link Trees} API.
 */
public final class FindingPrinter {
  private final Messager messager;
  private final Optional<Trees> trees;
  private final Set<Finding> printed = new HashSet<>();

  public FindingPrinter(ProcessingEnvironment environment) {
    this.messager = environment.getMessager();
    this.trees = treesOf(environment);
  }

  private static Optional<Trees> treesOf(ProcessingEnvironment environment) {
    try {
      return Optional.of(Trees.instance(environment));
    } catch (IllegalArgumentException notJavac) {
      return Optional.empty(); // another compiler, or javac's environment wrapped by a tool
    }
  }

  /**
   * Prints the findings of {@code report} that are not printed yet: a finding on a method of a
   * super-interface is also in the report of every interface of its file that extends it.
   */
  public void print(ValidationReport report) {
    report.findings().stream()
        .map(finding -> finding.seenFrom(report.subject()))
        .filter(printed::add)
        .forEach(this::print);
  }

  private void print(Finding finding) {
    Optional<TreePath> repeated = trees.flatMap(api -> placeInRepeated(api, finding));
    if (repeated.isPresent()) {
      trees.orElseThrow().printMessage(finding.kind(), finding.text(),
          repeated.get().getLeaf(), repeated.get().getCompilationUnit());
    } else {
      finding.printTo(messager);
    }
  }

  /** Where {@code finding} belongs when its annotation is one of several repeated ones. */
  private static Optional<TreePath> placeInRepeated(Trees trees, Finding finding) {
    if (finding.mirror().isEmpty()
        || finding.element().getAnnotationMirrors().contains(finding.mirror().get())) {
      return Optional.empty(); // not inside a container: the Messager places it exactly
    }
    AnnotationMirror mirror = finding.mirror().get();
    int index = indexInContainer(finding.element(), mirror);
    TreePath element = trees.getPath(finding.element());
    if (index < 0 || element == null) {
      return Optional.empty();
    }
    return annotationTree(trees, element, mirror, index)
        .map(annotation -> finding.value()
            .flatMap(value -> attributeTree(annotation, mirror, value))
            .orElse(annotation));
  }

  /** The position of {@code mirror} among the repeated annotations in its container; or -1. */
  private static int indexInContainer(Element element, AnnotationMirror mirror) {
    for (AnnotationMirror container : element.getAnnotationMirrors()) {
      for (AnnotationValue value : container.getElementValues().values()) {
        if (value.getValue() instanceof List<?> repeated) {
          for (int i = 0; i < repeated.size(); i++) {
            if (((AnnotationValue) repeated.get(i)).getValue() == mirror) {
              return i;
            }
          }
        }
      }
    }
    return -1;
  }

  /** The {@code index}-th annotation of {@code mirror}'s type written on the element. */
  private static Optional<TreePath> annotationTree(Trees trees, TreePath element,
      AnnotationMirror mirror, int index) {
    ModifiersTree modifiers = switch (element.getLeaf()) {
      case ClassTree type -> type.getModifiers();
      case MethodTree method -> method.getModifiers();
      default -> null;
    };
    if (modifiers == null) {
      return Optional.empty();
    }
    TypeElement type = MoreTypes.asTypeElement(mirror.getAnnotationType());
    TreePath modifiersPath = new TreePath(element, modifiers);
    int seen = 0;
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      TreePath path = new TreePath(modifiersPath, annotation);
      if (type.equals(trees.getElement(new TreePath(path, annotation.getAnnotationType())))
          && seen++ == index) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  /** The expression written for the attribute of {@code mirror} whose value is {@code value}. */
  private static Optional<TreePath> attributeTree(TreePath annotation, AnnotationMirror mirror,
      AnnotationValue value) {
    Optional<String> attribute = AnnotationMirrors.getAnnotationValuesWithDefaults(mirror)
        .entrySet().stream()
        .filter(entry -> entry.getValue() == value)
        .map(Map.Entry::getKey)
        .map(ExecutableElement::getSimpleName)
        .map(Object::toString)
        .findFirst();
    if (attribute.isEmpty()) {
      return Optional.empty();
    }
    for (ExpressionTree argument : ((AnnotationTree) annotation.getLeaf()).getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && assignment.getVariable() instanceof IdentifierTree name
          && name.getName().contentEquals(attribute.get())) {
        return Optional.of(new TreePath(annotation, assignment.getExpression()));
      }
    }
    return Optional.empty();
  }
}
