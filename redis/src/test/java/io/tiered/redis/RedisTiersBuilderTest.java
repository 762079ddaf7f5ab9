package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisTiersBuilderTest {
  private final RedisClient client = RedisClient.create("redis://127.0.0.1:1");

  @AfterEach
  void shutdown() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }

  @Test
  void prefixesMustBeNonBlankAndFreeOfTheSeparator() {
    RedisTiers.Builder builder = RedisTiers.builder(client);

    assertThat(assertThrows(IllegalArgumentException.class, () -> builder.prefix(" ")))
        .hasMessageThat().contains("prefix");
    assertThat(assertThrows(IllegalArgumentException.class, () -> builder.prefix("app:cache")))
        .hasMessageThat().contains("':'");
  }

  @Test
  void commandTimeoutsMustBePositive() {
    RedisTiers.Builder builder = RedisTiers.builder(client);

    assertThrows(IllegalArgumentException.class, () -> builder.commandTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.commandTimeout(Duration.ofMillis(-1)));
  }

  @Test
  void skipPeriodsMustNotBeNegative() {
    RedisTiers.Builder builder = RedisTiers.builder(client);

    assertThat(assertThrows(IllegalArgumentException.class,
        () -> builder.skipAfterTimeout(Duration.ofMillis(-1))))
        .hasMessageThat().contains("zero (never skip) or positive");
    builder.skipAfterTimeout(Duration.ZERO);
  }
}
