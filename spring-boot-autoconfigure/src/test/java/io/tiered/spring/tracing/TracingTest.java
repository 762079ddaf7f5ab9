package io.tiered.spring.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application traced by Micrometer Tracing on Brave, with JDBC observations: the
 * starter binds {@code TieredObservations} to the application's registry, so a cache miss's origin
 * call is a {@code tiered.load} span under the request's, with the origin's JDBC spans under it,
 * and a refresh runs in the trace of the request that found the value stale, its MDC with it.
 * Each request joins a trace the test names (a W3C {@code traceparent} header).
 */
@SpringBootTest(classes = TracingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "management.tracing.sampling.probability=1.0",
        "spring.datasource.url=jdbc:h2:mem:prices;DB_CLOSE_DELAY=-1"})
@AutoConfigureTracing
class TracingTest {
  private static final String FIRST_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SECOND_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Autowired Prices prices;
  @Autowired OriginLog origin;
  @Autowired JdbcTemplate jdbc;
  @Autowired RecordedSpans spans;
  @Autowired ManualClock clock;
  @Value("${local.server.port}") int port;

  @BeforeEach
  void rows() {
    jdbc.execute("create table if not exists price (sku varchar(16) primary key, cents varchar(16))");
    jdbc.update("merge into price key (sku) values ('sku-1', '120')");
    ((TieredProxy) prices).invalidateAll();
    origin.traceIdsInMdc.clear();
    spans.clear();
  }

  @Test
  void aMissIsATieredLoadSpanUnderTheRequestWithTheOriginsJdbcSpansUnderIt() throws Exception {
    assertThat(get("/prices/sku-1", FIRST_TRACE)).isEqualTo("120");
    assertThat(get("/prices/sku-1", FIRST_TRACE)).isEqualTo("120"); // a hit: no span of its own

    await().atMost(Duration.ofSeconds(5)).until(() -> spans.tieredLoad(FIRST_TRACE, "load")
        .isPresent() && requests(FIRST_TRACE).size() == 2);
    MutableSpan load = spans.tieredLoad(FIRST_TRACE, "load").orElseThrow();
    assertThat(load.tag("cache")).isEqualTo("Prices.price");
    assertThat(load.tag("outcome")).isEqualTo("success");
    assertThat(spans.inTrace(FIRST_TRACE).stream().filter(span -> "tiered.load".equals(span.name())))
        .hasSize(1);
    assertThat(requests(FIRST_TRACE)).extracting(MutableSpan::id).contains(load.parentId());
    assertThat(spans.inTrace(FIRST_TRACE))
        .filteredOn(span -> load.id().equals(span.parentId()))
        .extracting(MutableSpan::name)
        .contains("connection", "query"); // datasource-micrometer's spans of the origin's SELECT
  }

  @Test
  void aRefreshRunsInTheTraceOfTheRequestThatFoundTheValueStaleWithItsMdc() throws Exception {
    get("/prices/sku-1", FIRST_TRACE);
    clock.advance(Duration.ofMinutes(2));
    jdbc.update("update price set cents = '130' where sku = 'sku-1'");

    assertThat(get("/prices/sku-1", SECOND_TRACE)).isEqualTo("120"); // stale, served at once

    await().atMost(Duration.ofSeconds(5))
        .until(() -> spans.tieredLoad(SECOND_TRACE, "refresh").isPresent());
    MutableSpan refresh = spans.tieredLoad(SECOND_TRACE, "refresh").orElseThrow();
    assertThat(refresh.tag("outcome")).isEqualTo("success");
    assertThat(requests(SECOND_TRACE)).extracting(MutableSpan::id).contains(refresh.parentId());
    assertThat(spans.inTrace(SECOND_TRACE))
        .anyMatch(span -> refresh.id().equals(span.parentId()));
    assertThat(origin.traceIdsInMdc).containsExactly(FIRST_TRACE, SECOND_TRACE);
    assertThat(get("/prices/sku-1", SECOND_TRACE)).isEqualTo("130");
  }

  /** The server spans of the requests in {@code traceId}. */
  private List<MutableSpan> requests(String traceId) {
    return spans.inTrace(traceId).stream()
        .filter(span -> span.kind() == brave.Span.Kind.SERVER)
        .toList();
  }

  private String get(String path, String traceId) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path))
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
