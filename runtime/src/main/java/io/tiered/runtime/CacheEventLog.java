package io.tiered.runtime;

import io.tiered.runtime.CacheEvent.Kind;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes every {@link CacheEvent} as one line of stable {@code key=value} pairs to a
 * {@link System.Logger}, so logs need no logging library and parse with any key-value parser:
 *
 * <pre>{@code
 * event=cache.hit cache=PriceService.price tier=l1 duration_us=12 request=42 coalesced=false
 * event=cache.error cache=PriceService.price tier=shared duration_us=2003 request=43
 *     coalesced=false operation=get error=io.lettuce.core.RedisConnectionException: Unable to
 *     connect
 * }</pre>
 *
 * <p>(The second event is wrapped here; in the log it is one line.) Off unless registered:
 * {@code TieredRuntime.builder().listener(CacheEventLog.toSystemLogger())}.
 * The keys, always in this order: {@code event}, {@code cache}, {@code tier} ({@code l1}, a
 * {@code @Fallback} tier name or {@code origin}), {@code duration_us} (0 where nothing was timed),
 * {@code request} (shared by the events of one call; 0 for evictions), {@code coalesced}, then for
 * {@code cache.error} only {@code operation} (the tier operation that failed: {@code get},
 * {@code put}, {@code invalidate}, {@code clear}, or {@code codec} for a tier that cannot read
 * back the cache's values), and last, only for failures, {@code error}
 * (the exception's class name, then {@code ": "} and its message on one line). The stack trace
 * is not logged: a failed load's exception reaches the caller.
 *
 * <p>Events and levels ({@code event} is {@code cache.} plus the lower-case {@link Kind}):
 *
 * <table>
 *   <caption>Events</caption>
 *   <tr><th>level</th><th>events</th></tr>
 *   <tr><td>ERROR</td><td>{@code cache.error} (a tier failed), {@code cache.load_failed} (the
 *       origin threw)</td></tr>
 *   <tr><td>WARNING</td><td>{@code cache.stale_served} (a call got a stale value: the origin
 *       failed or was slow)</td></tr>
 *   <tr><td>INFO</td><td>{@code cache.refresh_miss}, {@code cache.evicted},
 *       {@code cache.evicted_expired}, {@code cache.expired}</td></tr>
 *   <tr><td>DEBUG</td><td>{@code cache.hit}, {@code cache.miss}, {@code cache.inserted},
 *       {@code cache.insert_rejected}, {@code cache.refresh_hit}, {@code cache.invalidated},
 *       {@code cache.loaded}</td></tr>
 * </table>
 *
 * <p>A line is only built when the logger is enabled for its level, so DEBUG events cost one
 * {@link System.Logger#isLoggable} call when DEBUG is off.
 */
public final class CacheEventLog implements CacheEventListener {
  /** The name of the logger {@link #toSystemLogger()} writes to; set its level to choose events. */
  public static final String LOGGER_NAME = "io.tiered.runtime.CacheEventLog";

  private static final String[] EVENT_NAMES = new String[Kind.values().length];

  static {
    for (Kind kind : Kind.values()) {
      EVENT_NAMES[kind.ordinal()] = "cache." + kind.name().toLowerCase(Locale.ROOT);
    }
  }

  private final System.Logger logger;

  private CacheEventLog(System.Logger logger) {
    this.logger = logger;
  }

  /** {@return a listener that logs to the {@code System.Logger} named {@value #LOGGER_NAME}} */
  public static CacheEventLog toSystemLogger() {
    return to(System.getLogger(LOGGER_NAME));
  }

  /**
   * {@return a listener that logs to {@code logger}}
   *
   * @param logger a logger of your own naming, or a fake one in tests
   */
  public static CacheEventLog to(System.Logger logger) {
    return new CacheEventLog(Objects.requireNonNull(logger, "logger"));
  }

  @Override
  public void onEvent(CacheEvent event) {
    Level level = levelOf(event.kind());
    if (logger.isLoggable(level)) {
      logger.log(level, format(event));
    }
  }

  /** The {@code event} value of {@code kind}: {@code cache.} and its lower-case name. */
  static String eventName(Kind kind) {
    return EVENT_NAMES[kind.ordinal()];
  }

  static Level levelOf(Kind kind) {
    return switch (kind) {
      case ERROR, LOAD_FAILED -> Level.ERROR;
      case STALE_SERVED -> Level.WARNING;
      case REFRESH_MISS, EVICTED, EVICTED_EXPIRED, EXPIRED -> Level.INFO;
      case HIT, MISS, INSERTED, INSERT_REJECTED, REFRESH_HIT, INVALIDATED, LOADED -> Level.DEBUG;
    };
  }

  static String format(CacheEvent event) {
    StringBuilder line = new StringBuilder(128)
        .append("event=").append(eventName(event.kind()))
        .append(" cache=").append(event.cacheName())
        .append(" tier=").append(event.tier())
        .append(" duration_us=").append(TimeUnit.NANOSECONDS.toMicros(event.durationNanos()))
        .append(" request=").append(event.requestId())
        .append(" coalesced=").append(event.coalesced());
    if (event.operation() != null) {
      line.append(" operation=").append(event.operation().name().toLowerCase(Locale.ROOT));
    }
    Throwable error = event.error();
    if (error != null) {
      line.append(" error=").append(error.getClass().getName());
      appendMessage(line, error.getMessage());
    }
    return line.toString();
  }

  private static void appendMessage(StringBuilder line, @Nullable String message) {
    if (message == null) {
      return;
    }
    // One event, one line: a multi-line message would split it and could forge lines.
    line.append(": ").append(message.replace('\r', ' ').replace('\n', ' '));
  }

  @Override
  public String toString() {
    return "CacheEventLog[" + logger.getName() + "]";
  }
}
