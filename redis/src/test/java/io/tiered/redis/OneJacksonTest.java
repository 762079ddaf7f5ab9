package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tiered-redis with only one of its optional Jacksons on the class path, as an application has it,
 * or with none: a default-built factory uses the one there is, and never loads the other's
 * classes.
 */
class OneJacksonTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final String PROGRAM = OneJacksonProgram.class.getName();
  private static final String WORKS =
      "loaded=true readFromRedis=true droppedInB=true originCalls=2";

  @Test
  void onlyJackson3() throws Exception {
    try (HidingClassLoader loader = HidingClassLoader.hiding("com.fasterxml.jackson.databind",
        "com.fasterxml.jackson.core", "com.fasterxml.jackson.datatype")) {
      assertThat(loader.run(PROGRAM, "run", redis.server().uri(), "default")).isEqualTo(WORKS);
      assertThat(loader.run(PROGRAM, "run", redis.server().uri(), "jsonMapper")).isEqualTo(WORKS);

      assertThat(loader.refused()).isEmpty(); // not even asked for
    }
  }

  @Test
  void onlyJackson2() throws Exception {
    try (HidingClassLoader loader = HidingClassLoader.hiding("tools.jackson")) {
      assertThat(loader.run(PROGRAM, "run", redis.server().uri(), "default")).isEqualTo(WORKS);
      assertThat(loader.run(PROGRAM, "run", redis.server().uri(), "objectMapper"))
          .isEqualTo(WORKS);

      // Only looked for, by name, to choose the default.
      assertThat(loader.refused()).containsExactly("tools.jackson.databind.json.JsonMapper");
    }
  }

  @Test
  void noJacksonFailsTheBuildSayingWhatToAdd() throws Exception {
    try (HidingClassLoader loader = HidingClassLoader.hiding("tools.jackson",
        "com.fasterxml.jackson")) {
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> loader.run(PROGRAM, "build", redis.server().uri()));

      assertThat(thrown).hasMessageThat().contains("add tools.jackson.core:jackson-databind");
      assertThat(thrown).hasMessageThat().contains("com.fasterxml.jackson.core:jackson-databind");
    }
  }

  @Test
  void jackson2WithoutItsJavaTimeModuleFailsTheBuildSayingWhatToAdd() throws Exception {
    try (HidingClassLoader loader = HidingClassLoader.hiding("tools.jackson",
        "com.fasterxml.jackson.datatype")) {
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> loader.run(PROGRAM, "build", redis.server().uri()));

      assertThat(thrown).hasMessageThat().contains("jackson-datatype-jsr310");
    }
  }
}
