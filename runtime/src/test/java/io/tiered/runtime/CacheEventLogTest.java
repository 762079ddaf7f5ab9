package io.tiered.runtime;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.CacheEvent.Kind;
import io.tiered.runtime.CacheEvent.Operation;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One log line per event, at the documented level, with stable keys. */
class CacheEventLogTest {
  private final RecordingLogger logger = new RecordingLogger();
  private final Harness harness = new Harness(TieredRuntime.builder()
      .refreshExecutor(Runnable::run) // the refresh runs inside the read that schedules it
      .listener(CacheEventLog.to(logger)));

  @Test
  void aRefreshFailureIsLoggedAtInfoWithItsError() {
    AtomicInteger calls = new AtomicInteger();
    TieredCache<String, String> cache = harness.runtime.cache(
        Harness.definition().refreshAfter(Duration.ofSeconds(10)).build(),
        key -> {
          if (calls.getAndIncrement() > 0) {
            throw new IllegalStateException("origin down");
          }
          return "v1";
        });
    cache.get("a");
    harness.clock.advance(Duration.ofSeconds(11));

    assertThat(cache.get("a")).isEqualTo("v1");

    long request = harness.events(Kind.REFRESH_MISS).get(0).requestId();
    assertThat(logger.lines).contains(new Line(Level.INFO, "event=cache.refresh_miss cache=Test.get"
        + " tier=origin duration_us=0 request=" + request + " coalesced=false"
        + " error=java.lang.IllegalStateException: origin down"));
    assertThat(logger.messagesAt(Level.ERROR)).hasSize(1);
    assertThat(logger.messagesAt(Level.ERROR).get(0)).matches("event=cache\\.load_failed"
        + " cache=Test\\.get tier=origin duration_us=\\d+ request=" + request + " coalesced=false"
        + " error=java\\.lang\\.IllegalStateException: origin down");
  }

  @Test
  void aTierOutageIsLoggedAtErrorForEveryFailedOperation() {
    harness.shared.failAll(new IllegalStateException("redis down"));
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().fallback("shared", null, true).build());

    assertThat(cache.get("a")).isEqualTo("value-of-a");

    List<String> errors = logger.messagesAt(Level.ERROR);
    assertThat(errors).hasSize(2); // the read, then the write of the loaded value
    List<String> operations = List.of("get", "put");
    for (int i = 0; i < errors.size(); i++) {
      assertThat(errors.get(i)).matches("event=cache\\.error cache=Test\\.get tier=shared"
          + " duration_us=\\d+ request=[1-9]\\d* coalesced=false operation=" + operations.get(i)
          + " error=java\\.lang\\.IllegalStateException: redis down");
    }
  }

  @Test
  void anEvictionIsLoggedAtInfoWithoutARequest() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().maximumSize(1).build());

    for (String key : List.of("a", "b", "c", "d")) {
      cache.get(key);
    }

    String eviction =
        "event=cache.evicted cache=Test.get tier=l1 duration_us=0 request=0 coalesced=false";
    assertThat(logger.messagesAt(Level.INFO)).isNotEmpty();
    assertThat(logger.messagesAt(Level.INFO)).containsExactlyElementsIn(
        harness.events(Kind.EVICTED).stream().map(event -> eviction).toList());
  }

  @Test
  void anExpiryIsLoggedAtInfo() { // L1 drops an expired bare value itself: no read finds it
    TieredCache<String, String> cache =
        harness.cache(Harness.definition().ttl(Duration.ofSeconds(30)).build());
    cache.get("a");
    harness.clock.advance(Duration.ofMinutes(1));

    cache.get("a");

    assertThat(logger.messagesAt(Level.INFO)).contains(
        "event=cache.evicted_expired cache=Test.get tier=l1 duration_us=0 request=0"
            + " coalesced=false");
  }

  @Test
  void hitsAndMissesAreLoggedAtDebug() {
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    cache.get("a");
    cache.get("a");

    long hitRequest = harness.events(Kind.HIT).get(0).requestId();
    assertThat(logger.messagesAt(Level.DEBUG)).contains("event=cache.hit cache=Test.get tier=l1"
        + " duration_us=" + micros(harness.events(Kind.HIT).get(0)) + " request=" + hitRequest
        + " coalesced=false");
    assertThat(logger.messagesAt(Level.DEBUG).get(0)).startsWith("event=cache.miss ");
    assertThat(logger.messagesAt(Level.INFO)).isEmpty();
    assertThat(logger.messagesAt(Level.ERROR)).isEmpty();
  }

  @Test
  void nothingIsLoggedBelowTheLoggersLevel() {
    logger.threshold = Level.INFO;
    TieredCache<String, String> cache = harness.cache(Harness.definition().build());

    cache.get("a");
    cache.get("a");

    // The fake records every log() call, enabled or not: none means isLoggable was asked first.
    assertThat(logger.lines).isEmpty();
  }

  @Test
  void eventNamesAreCachePlusTheLowerCaseKind() {
    assertThat(Arrays.stream(Kind.values()).map(CacheEventLog::eventName).toList())
        .containsExactly("cache.hit", "cache.miss", "cache.expired", "cache.inserted",
            "cache.insert_rejected", "cache.refresh_hit", "cache.refresh_miss", "cache.evicted",
            "cache.evicted_expired", "cache.invalidated", "cache.loaded", "cache.load_failed", "cache.error",
            "cache.stale_served")
        .inOrder();
  }

  @Test
  void levelsFollowTheDocumentedTable() {
    for (Kind kind : Kind.values()) {
      Level expected = switch (kind) {
        case ERROR, LOAD_FAILED -> Level.ERROR;
        case STALE_SERVED -> Level.WARNING;
        case REFRESH_MISS, EVICTED, EVICTED_EXPIRED, EXPIRED -> Level.INFO;
        default -> Level.DEBUG;
      };
      assertThat(CacheEventLog.levelOf(kind)).isEqualTo(expected);
    }
  }

  @Test
  void anErrorStaysOnOneLine() {
    CacheEvent withNewlines = new CacheEvent(Kind.ERROR, "Test.get", "shared", 2_500, 7, false,
        new IllegalStateException("line one\nline two\r\nforged=true"), Operation.PUT);
    CacheEvent withoutMessage =
        new CacheEvent(Kind.LOAD_FAILED, "Test.get", "origin", 0, 8, true, new RuntimeException(),
            null);

    assertThat(CacheEventLog.format(withNewlines)).isEqualTo("event=cache.error cache=Test.get"
        + " tier=shared duration_us=2 request=7 coalesced=false operation=put"
        + " error=java.lang.IllegalStateException: line one line two  forged=true");
    assertThat(CacheEventLog.format(withoutMessage)).isEqualTo("event=cache.load_failed"
        + " cache=Test.get tier=origin duration_us=0 request=8 coalesced=true"
        + " error=java.lang.RuntimeException");
  }

  @Test
  void theSystemLoggerIsNamedForConfiguration() {
    assertThat(CacheEventLog.toSystemLogger().toString())
        .isEqualTo("CacheEventLog[" + CacheEventLog.LOGGER_NAME + "]");
  }

  private static long micros(CacheEvent event) {
    return event.durationNanos() / 1_000;
  }

  record Line(Level level, String message) {}

  /** A System.Logger that keeps every call, enabled or not, so tests can see what was skipped. */
  static final class RecordingLogger implements System.Logger {
    final List<Line> lines = new CopyOnWriteArrayList<>();
    volatile Level threshold = Level.ALL;

    List<String> messagesAt(Level level) {
      return lines.stream().filter(line -> line.level() == level).map(Line::message).toList();
    }

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(new Line(level, message));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(new Line(level, params == null ? format : MessageFormat.format(format, params)));
    }
  }
}
