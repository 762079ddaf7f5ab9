package io.tiered.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs through {@code System.Logger} during a test. With no other
 * {@code LoggerFinder} installed, {@code System.Logger} writes to {@code java.util.logging}, under
 * the name the class gave it.
 */
final class CapturedLog extends Handler implements AutoCloseable {
  private final Logger logger; // held: java.util.logging keeps loggers only weakly
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private CapturedLog(Logger logger) {
    this.logger = logger;
  }

  /** Starts capturing what {@code source} logs, at every level. */
  static CapturedLog of(Class<?> source) {
    CapturedLog log = new CapturedLog(Logger.getLogger(source.getName()));
    log.logger.addHandler(log);
    return log;
  }

  /** {@return the records logged at {@code level}} */
  List<LogRecord> at(Level level) {
    return records.stream().filter(logged -> logged.getLevel().equals(level)).toList();
  }

  @Override
  public void publish(LogRecord logged) {
    records.add(logged);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
