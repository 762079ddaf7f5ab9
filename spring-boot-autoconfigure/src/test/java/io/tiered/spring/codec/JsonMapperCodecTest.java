package io.tiered.spring.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiered.redis.RedisServer;
import io.tiered.spring.TieredAutoConfiguration;
import io.tiered.spring.TieredJacksonAutoConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Under Boot 4 the Redis tier encodes with the application's Jackson 3 {@code JsonMapper}, so its
 * mix-ins apply; a value nobody can read back (Spring Data's {@code Page}) is found at its first
 * write, with a WARN and {@code cache.errors{operation=codec}}, instead of failing every read on
 * every instance.
 */
class JsonMapperCodecTest {
  private static RedisServer server;
  /** The tier logs through System.Logger, which is java.util.logging here. */
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler collector = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel() == Level.WARNING) {
        warnings.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void collectWarnings() {
    Logger.getLogger("").addHandler(collector);
  }

  @AfterEach
  void stopCollecting() {
    Logger.getLogger("").removeHandler(collector);
  }

  private List<String> warningsAbout(String cache) {
    return warnings.stream().map(LogRecord::getMessage).filter(text -> text.contains(cache))
        .toList();
  }

  @BeforeAll
  static void startRedis() throws IOException, InterruptedException {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() throws IOException {
    server.close();
  }

  @BeforeEach
  void emptyRedis() {
    server.send("FLUSHALL");
  }

  private ApplicationContextRunner instance(CountingLibrary origin) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
            DataRedisAutoConfiguration.class, TieredAutoConfiguration.class,
            TieredJacksonAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.port=" + server.port(), "tiered.redis.tier=shared")
        .withBean(SimpleMeterRegistry.class)
        .withBean("library", CountingLibrary.class, () -> origin);
  }

  @Test
  void theApplicationsMixInLetsAnotherInstanceReadTheValueFromRedis() {
    CountingLibrary first = new CountingLibrary();
    CountingLibrary second = new CountingLibrary();
    JsonMapperBuilderCustomizer mixIn = builder -> builder.addMixIn(Shelf.class, ShelfMixin.class);
    instance(first).withBean(JsonMapperBuilderCustomizer.class, () -> mixIn).run(one -> {
      assertThat(one.getBean(Library.class).shelf("fiction").name()).isEqualTo("fiction");

      instance(second).withBean(JsonMapperBuilderCustomizer.class, () -> mixIn).run(two -> {
        assertThat(two.getBean(Library.class).shelf("fiction")).isEqualTo(new BookShelf("fiction"));
        assertThat(second.calls()).isZero();
      });
    });
  }

  @Test
  void withoutTheMixInTheCacheSkipsRedisAfterOneWarning() {
    CountingLibrary origin = new CountingLibrary();
    instance(origin).run(context -> {
      context.getBean(Library.class).shelf("fiction");

      assertThat(warningsAbout("Library.shelf")).singleElement().asString()
          .contains(Shelf.class.getName());
      assertThat(codecErrors(context.getBean(MeterRegistry.class), "Library.shelf")).isEqualTo(1);
      assertThat(server.send("EXISTS tiered:Library.shelf:\"fiction\"")).isEqualTo(":0");
    });
  }

  @Test
  void aSpringDataPageIsFoundAtItsFirstWriteWithTheFix() {
    CountingLibrary origin = new CountingLibrary();
    instance(origin).run(context -> {
      Library library = context.getBean(Library.class);
      library.titles(0);
      library.titles(1);

      assertThat(warningsAbout("Library.titles")).singleElement().asString()
          .contains("org.springframework.data.domain.Page<java.lang.String>", "mix-in");
      assertThat(codecErrors(context.getBean(MeterRegistry.class), "Library.titles"))
          .isEqualTo(1);
      assertThat(server.send("KEYS tiered:Library.titles:*")).isEqualTo("*0");
    });
  }

  private static double codecErrors(MeterRegistry registry, String cache) {
    return registry.find("cache.errors").tags("cache", cache, "tier", "shared",
        "operation", "codec").functionCounter().count();
  }
}
