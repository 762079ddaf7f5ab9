package io.tiered.processor;

import io.tiered.processor.read.Descriptions;
import io.tiered.processor.validate.FindingPrinter;
import io.tiered.processor.validate.Message;
import io.tiered.processor.validate.ValidationReport;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;

/**
 * Runs the processor's work one element at a time, so that a bug in Tiered costs the user that
 * element, not the round: an exception is reported as an error on the element, with its first
 * stack frames and where to report it, and the processor goes on with the next one (as Dagger's
 * {@code TypeCheckingProcessingStep} and AutoValue do). No exception escapes to javac, which would
 * stop every processor.
 */
final class CrashGuard {
  /** Enough frames to find the bug, few enough to read in a build log. */
  private static final int FRAMES = 5;
  /** Thrown by javac to unwind a compile it has given up: not the processor's to report. */
  private static final String JAVAC_ABORT = "com.sun.tools.javac.util.Abort";

  private final FindingPrinter printer;

  CrashGuard(FindingPrinter printer) {
    this.printer = printer;
  }

  void run(Element element, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | Error crash) {
      if (crash instanceof OutOfMemoryError || crash.getClass().getName().equals(JAVAC_ABORT)) {
        throw crash;
      }
      printer.print(ValidationReport.about(element)
          .onElement(Message.PROCESSOR_CRASHED, element, Optional.empty(),
              Descriptions.element(element), describe(crash))
          .build());
    }
  }

  /** The exception, then its first frames, one a line as in a stack trace. */
  private static String describe(Throwable crash) {
    return crash + Arrays.stream(crash.getStackTrace()).limit(FRAMES)
        .map(frame -> "\n\tat " + frame)
        .collect(Collectors.joining());
  }
}
