package io.tiered.processor;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.processor.validate.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Message ids are public: each text starts with its id, and the tables of docs/annotations.md
 * list them all.
 */
class MessageCatalogueTest {
  /** Maven runs tests in the module's folder; the docs are the project's. */
  private static final Path ANNOTATIONS_PAGE = Path.of("..", "docs", "annotations.md");
  private static final String HEADING = "## Compile-time errors\n";
  /** A row of the page's tables of errors and warnings: {@code | `[Tiered:BAD_DURATION]` |}. */
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `\\[(Tiered:\\w+)]` \\|");

  @Test
  void everyTextStartsWithItsId() {
    assertThat(Message.BAD_DURATION.format("@Tiered", "ttl", "soon"))
        .startsWith("[Tiered:BAD_DURATION] @Tiered(ttl = \"soon\") is not a positive duration");
    for (Message message : Message.values()) {
      assertThat(message.format(new Object[8])).startsWith("[" + message.id() + "] ");
    }
  }

  @Test
  void docsTablesListEachIdOnce() throws IOException {
    String page = Files.readString(ANNOTATIONS_PAGE);
    int start = page.indexOf(HEADING);
    assertThat(start).isAtLeast(0);
    int next = page.indexOf("\n## ", start + HEADING.length());
    String section = page.substring(start, next < 0 ? page.length() : next);

    assertThat(ROW.matcher(section).results()
            .map(row -> row.group(1)).toList())
        .containsExactlyElementsIn(Arrays.stream(Message.values()).map(Message::id).toList());
  }
}
