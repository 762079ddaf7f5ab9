package io.tiered.processor;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.processor.validate.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Message ids are public: each text starts with its id, and the README's table lists them all. */
class MessageCatalogueTest {
  /** Maven runs tests in the module's folder; the README is the project's. */
  private static final Path README = Path.of("..", "README.md");
  /** A row of the README's tables of errors and warnings: {@code | `[Tiered:BAD_DURATION]` |}. */
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
  void readmeTablesListEachIdOnce() throws IOException {
    String readme = Files.readString(README);
    String section = readme.substring(readme.indexOf("### Compile-time errors"),
        readme.indexOf("\n## ", readme.indexOf("### Compile-time errors")));

    assertThat(ROW.matcher(section).results()
            .map(row -> row.group(1)).toList())
        .containsExactlyElementsIn(Arrays.stream(Message.values()).map(Message::id).toList());
  }
}
