package io.tiered.example;

import static com.google.common.truth.Truth.assertThat;

import io.tiered.runtime.Tiers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example's own workload, shortened: its summary must add up. */
class ExampleWorkloadTest {

  @Test
  void shortRunSavesOriginCallsAndCoalescesTheStampede() throws Exception {
    Summary summary = ExampleMain.run(
        new Workload.Settings(Duration.ofSeconds(2), 16, 50, progress -> {}), Tiers.memory(), 10,
        0.02);

    assertThat(summary.totalRequests()).isGreaterThan(1_000L);
    assertThat(summary.totalOriginCalls()).isLessThan(summary.totalRequests() / 2);
    for (String method : Workload.METHODS) {
      assertThat(summary.originCalls(method)).isLessThan(summary.requests(method));
    }
    assertThat(summary.stampedeOriginCalls()).isEqualTo(1);
    assertThat(summary.stats().cache("Catalog.product").tier("l1").hits()).isGreaterThan(0L);
    assertThat(summary.toString()).contains("stampede: 500 callers");
  }

  @Test
  void duringTheOutageStaleIfErrorAnswersCallsThatOtherwiseFail() throws Exception {
    OutagePhase.Result outage = OutagePhase.run(
        new OutagePhase.Settings(Duration.ofMillis(500), Duration.ofSeconds(2), 8));

    assertThat(outage.plainErrors()).isGreaterThan(0L);
    assertThat(outage.staleErrors()).isEqualTo(0L);
    assertThat(outage.staleStats().staleServed()).isGreaterThan(0L);
    assertThat(outage.toString()).contains("answered stale");
  }
}
