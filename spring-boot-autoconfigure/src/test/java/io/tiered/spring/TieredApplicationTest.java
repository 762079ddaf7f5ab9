package io.tiered.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tiered.runtime.TieredCache;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.internal.CacheDefinition;
import io.tiered.spring.services.CountingPrices;
import io.tiered.spring.services.PriceService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;

/**
 * A whole Boot application (web server, Actuator, Micrometer) started as users start theirs: the
 * starter comes in through its auto-configuration imports, and the endpoint is used over HTTP.
 */
@SpringBootTest(classes = TieredApplicationTest.Application.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.endpoints.web.exposure.include=tiered")
class TieredApplicationTest {
  private static final String CACHE = "PriceService.price";

  private final HttpClient http = HttpClient.newHttpClient();
  @Autowired PriceService prices;
  @Autowired MeterRegistry registry;
  @Autowired TieredRuntime runtime;
  @Value("${local.server.port}") int port;
  private CountingPrices origin;

  /** The bean named origin is the proxy now, no longer a CountingPrices. */
  @Autowired
  void origin(Application application) {
    this.origin = application.origin;
  }

  @Test
  void autowiresTheProxyWhichCaches() {
    assertThat(prices).isInstanceOf(TieredProxy.class);
    int before = origin.calls();

    prices.price("autowired");
    prices.price("autowired");

    assertThat(origin.calls()).isEqualTo(before + 1);
  }

  @Test
  void theEndpointListsEveryCachesStatisticsPerTier() throws Exception {
    prices.price("listed");
    prices.price("listed");

    HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint("")).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    String cache = "$.proxies.origin.caches['" + CACHE + "']";
    assertThat(JsonPath.<String>read(response.body(), "$.proxies.origin.interfaceName"))
        .isEqualTo(PriceService.class.getName());
    assertThat(JsonPath.<Integer>read(response.body(), cache + ".tiers.l1.hits")).isPositive();
    assertThat(JsonPath.<Integer>read(response.body(), cache + ".tiers.l1.size")).isPositive();
    assertThat(JsonPath.<Integer>read(response.body(), cache + ".loads")).isPositive();
  }

  @Test
  void theEndpointInvalidatesACache() throws Exception {
    prices.price("invalidated");
    int loaded = origin.calls();

    HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint("/" + CACHE))
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.<List<String>>read(response.body(), "$.beans")).containsExactly("origin");
    prices.price("invalidated");
    assertThat(origin.calls()).isEqualTo(loaded + 1);
  }

  @Test
  void theEndpointAnswersAnUnknownCacheWith400() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint("/Nope.nope"))
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void theEndpointInvalidatesATagSentInTheBody() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> tagged = runtime.cache(
        CacheDefinition.<String, String>builder("Stock.level", String.class, String.class)
            .tags(sku -> List.of("product:" + sku))
            .build(),
        sku -> sku + "@" + loads.incrementAndGet());
    tagged.get("sku/1"); // a slash, which a path segment would need escaped
    tagged.get("sku/2");

    HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint(""))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tag\": \"product:sku/1\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JsonPath.<String>read(response.body(), "$.tag")).isEqualTo("product:sku/1");
    assertThat(tagged.get("sku/1")).isEqualTo("sku/1@3");
    assertThat(tagged.get("sku/2")).isEqualTo("sku/2@2");
  }

  @Test
  void registersTheMetersInTheApplicationsRegistry() {
    prices.price("metered");
    prices.price("metered");

    FunctionCounter hits = registry.find("cache.gets")
        .tags("cache", CACHE, "tier", "l1", "result", "hit").functionCounter();
    assertThat(hits).isNotNull();
    assertThat(hits.count()).isPositive();
  }

  private URI endpoint(String path) {
    return URI.create("http://127.0.0.1:" + port + "/actuator/tiered" + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {
    final CountingPrices origin = new CountingPrices();

    @Bean
    CountingPrices origin() {
      return origin;
    }
  }
}
