package io.tiered.example;

import io.tiered.runtime.ProxyStats;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The table the example ends with: per method, then per tier, then the stampede. */
record Summary(Workload.Result workload, SlowCatalog origin, TimedCatalog timedOrigin,
    ProxyStats stats, long stampedeOriginCalls) {

  long requests(String method) {
    return workload.latencies().get(method).getTotalCount();
  }

  long originCalls(String method) {
    return origin.calls(method);
  }

  long totalRequests() {
    return Workload.METHODS.stream().mapToLong(this::requests).sum();
  }

  long totalOriginCalls() {
    return Workload.METHODS.stream().mapToLong(this::originCalls).sum();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    String row = "%-11s %10s %8s %8s %7s %11s %11s %11s %11s%n";
    out.append(String.format(Locale.ROOT, row, "method", "requests", "origin", "saved", "errors",
        "p50 cached", "p99 cached", "p50 origin", "p99 origin"));
    for (String method : Workload.METHODS) {
      Histogram cached = workload.latencies().get(method);
      Histogram direct = timedOrigin.latency(method);
      long requests = requests(method);
      out.append(String.format(Locale.ROOT, row, method, requests, originCalls(method),
          percent(requests - originCalls(method), requests), workload.errors().get(method),
          millis(cached.getValueAtPercentile(50)), millis(cached.getValueAtPercentile(99)),
          millis(direct.getValueAtPercentile(50)), millis(direct.getValueAtPercentile(99))));
    }
    out.append(String.format(Locale.ROOT, row, "all", totalRequests(), totalOriginCalls(),
        percent(totalRequests() - totalOriginCalls(), totalRequests()), "", "", "", "", ""));
    out.append(System.lineSeparator()).append(stats);
    out.append(System.lineSeparator()).append(String.format(Locale.ROOT,
        "stampede: %d callers asked for the cold key '%s' at once -> %d origin call(s), %d failed%n",
        workload.stampedeCallers(), Workload.STAMPEDE_SKU, stampedeOriginCalls,
        workload.stampedeFailures()));
    return out.toString();
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000.0);
  }
}
