package com.acme;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java snippets of a docs page, checked against the compiled code they show: every non-blank
 * line of a snippet appears, in order, in the source file that compiles it (indentation aside;
 * other lines, such as Javadoc or assertions, may come between).
 */
final class DocSnippets {
  /** Maven runs tests in the module's folder; the docs are the project's. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Where this module's test sources are, from the module's folder. */
  static final Path TESTS = Path.of("src", "test", "java", "com", "acme");

  private DocSnippets() {}

  /** The {@code ```java} blocks of {@code page} (relative to the project), in order. */
  static List<String> javaBlocks(String page) {
    return blocks(page, "java");
  }

  /** The code blocks of {@code page} in {@code language}, in order. */
  static List<String> blocks(String page, String language) {
    Matcher block = Pattern.compile("(?ms)^```" + Pattern.quote(language) + "\\n(.*?)^```")
        .matcher(read(ROOT.resolve(page)));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  /** Fails unless {@code source} holds every line of {@code snippet}, in order. */
  static void assertShownIn(String snippet, Path source) {
    List<String> lines = read(source).lines().map(String::strip).toList();
    int at = 0;
    for (String line : snippet.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      int found = lines.subList(at, lines.size()).indexOf(line);
      if (found < 0) {
        assertWithMessage("the line <%s> of this snippet is not in %s (in order):\n%s",
            line, source, snippet).fail();
      }
      at += found + 1;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
