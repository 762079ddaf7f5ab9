package com.acme;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door and docs/ holds the rest: every relative link of README.md,
 * CONTRIBUTING.md and docs/*.md reaches a file that exists and, after a {@code #}, a heading of
 * it (GitHub's anchors), and the README links every page of docs/.
 */
class DocsLinksTest {
  /** Maven runs tests in the module's folder; the docs are the project's. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[ \\t]*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+(.+?)[ \\t#]*$");
  private static final Pattern LINK_IN_HEADING = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");

  @Test
  void everyRelativeLinkReachesAFileAndHeading() {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
        }
      }
    }

    assertWithMessage("broken links").that(broken).isEmpty();
  }

  @Test
  void theReadmeLinksEveryDocsPage() throws IOException {
    Path readme = ROOT.resolve("README.md");
    Set<Path> linked = new HashSet<>();
    for (String target : links(readme)) {
      if (!isExternal(target)) {
        linked.add(resolve(readme, pathOf(target)));
      }
    }

    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      List<Path> pages = docs.filter(path -> path.toString().endsWith(".md")).toList();
      assertThat(pages).isNotEmpty();
      assertThat(linked).containsAtLeastElementsIn(pages);
    }
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertThat(anchor("`@Fallback` (type or method, repeatable): a tier behind L1"))
        .isEqualTo("fallback-type-or-method-repeatable-a-tier-behind-l1");
    assertThat(anchor("Runtime API (package `io.tiered.runtime`)"))
        .isEqualTo("runtime-api-package-iotieredruntime");
    assertThat(anchor("Dagger, Guice and other JSR-330 containers"))
        .isEqualTo("dagger-guice-and-other-jsr-330-containers");
    assertThat(anchor("snake_case — kept")).isEqualTo("snake_case--kept");
  }

  /** Why {@code target}, linked from {@code page}, leads nowhere; null when it leads somewhere. */
  private static String problem(Path page, String target) {
    if (isExternal(target)) {
      return null;
    }
    String path = pathOf(target);
    Path file = path.isEmpty() ? page : resolve(page, path);
    if (!file.startsWith(ROOT)) {
      return "leaves the repository";
    }
    if (!Files.exists(file)) {
      return "no such file: " + ROOT.relativize(file);
    }
    int hash = target.indexOf('#');
    if (hash < 0) {
      return null;
    }
    String anchor = target.substring(hash + 1);
    if (!file.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    return anchors(file).contains(anchor) ? null : "no heading with anchor #" + anchor;
  }

  private static boolean isExternal(String target) {
    return target.matches("(?i)^[a-z][a-z0-9+.-]*:.*");
  }

  private static String pathOf(String target) {
    int hash = target.indexOf('#');
    return URI.create(hash < 0 ? target : target.substring(0, hash)).getPath();
  }

  private static Path resolve(Path page, String path) {
    return page.getParent().resolve(path).normalize();
  }

  private static List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    pages.add(ROOT.resolve("CONTRIBUTING.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The link targets of a page, outside code blocks and code spans. */
  private static List<String> links(Path page) {
    String text = CODE_SPAN.matcher(FENCE.matcher(read(page)).replaceAll("")).replaceAll("code");
    List<String> targets = new ArrayList<>();
    Matcher link = LINK.matcher(text);
    while (link.find()) {
      targets.add(link.group(1));
    }
    return targets;
  }

  /** The anchors GitHub gives a page's headings, a repeated one suffixed -1, -2, .... */
  private static Set<String> anchors(Path page) {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> anchors = new HashSet<>();
    Matcher heading = HEADING.matcher(FENCE.matcher(read(page)).replaceAll(""));
    while (heading.find()) {
      String anchor = anchor(heading.group(1));
      int times = seen.merge(anchor, 1, Integer::sum);
      anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
    }
    return anchors;
  }

  /** GitHub's rule: lower case, punctuation dropped except '-' and '_', each space a '-'. */
  static String anchor(String heading) {
    String text = LINK_IN_HEADING.matcher(heading).replaceAll("$1");
    return text.strip().toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "")
        .replace(' ', '-');
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
