package io.tiered.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiered.runtime.TieredProxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.context.Context;

/**
 * A WebFlux application on Reactor Netty: the starter wraps the bean of a {@code @Tiered} reactive
 * interface, a controller returns its {@code Mono} and {@code Flux}, and HTTP requests hit the
 * cache, share one origin subscription, and carry the request's Reactor context to the origin.
 */
@SpringBootTest(classes = WebFluxApplicationTest.Application.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.main.web-application-type=reactive")
class WebFluxApplicationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Autowired ReactivePrices prices;
  @Value("${local.server.port}") int port;
  private CountingReactivePrices origin;
  private WebTestClient http;

  /** The bean named origin is the proxy now, no longer a CountingReactivePrices. */
  @Autowired
  void origin(Application application) {
    this.origin = application.origin;
  }

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer(connector()).baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(TIMEOUT).build();
  }

  @Test
  void theControllerGetsTheProxyAndRepeatedRequestsHitTheCache() {
    assertThat(prices).isInstanceOf(TieredProxy.class);
    int before = origin.subscriptions();

    for (int i = 0; i < 3; i++) {
      http.get().uri("/prices/apple").exchange()
          .expectStatus().isOk()
          .expectBody(Long.class).isEqualTo(501L);
    }

    assertThat(origin.subscriptions()).isEqualTo(before + 1);
  }

  @Test
  void concurrentRequestsForAColdKeyShareOneOriginSubscription() {
    int before = origin.subscriptions();
    WebClient client = WebClient.builder().clientConnector(connector())
        .baseUrl("http://127.0.0.1:" + port).build();

    List<Long> answers = Flux.range(0, 20)
        .flatMap(i -> client.get().uri("/prices/pear").retrieve().bodyToMono(Long.class))
        .collectList().block(TIMEOUT);

    assertThat(answers).hasSize(20).containsOnly(401L);
    assertThat(origin.subscriptions()).isEqualTo(before + 1);
  }

  @Test
  void aFluxIsServedFromTheCacheInOrder() {
    int before = origin.subscriptions();

    for (int i = 0; i < 2; i++) {
      http.get().uri("/prices/plum/history").exchange()
          .expectStatus().isOk()
          .expectBodyList(Long.class).isEqualTo(List.of(1L, 2L, 1L));
    }

    assertThat(origin.subscriptions()).isEqualTo(before + 1);
  }

  @Test
  void theRequestsReactorContextReachesTheOrigin() {
    http.get().uri("/prices/fig").header("X-Tenant", "acme").exchange()
        .expectStatus().isOk();

    assertThat(origin.tenants()).contains("acme");
  }

  @Test
  void aReactiveWriteEvictsBeforeItsResponse() {
    http.get().uri("/prices/kiwi").exchange().expectBody(Long.class).isEqualTo(401L);
    int before = origin.subscriptions();

    http.post().uri("/prices/kiwi").exchange().expectStatus().isOk();

    http.get().uri("/prices/kiwi").exchange().expectBody(Long.class).isEqualTo(402L);
    assertThat(origin.subscriptions()).isEqualTo(before + 1);
  }

  /**
   * A connection per request: a pooled one the server closed between two tests fails the next
   * request ("Connection prematurely closed BEFORE response") before it reaches the cache.
   */
  private static ReactorClientHttpConnector connector() {
    return new ReactorClientHttpConnector(HttpClient.newConnection());
  }

  @RestController
  static class PriceController {
    private final ReactivePrices prices;

    PriceController(ReactivePrices prices) {
      this.prices = prices;
    }

    @GetMapping("/prices/{sku}")
    Mono<Long> price(@PathVariable String sku) {
      return prices.price(sku);
    }

    @GetMapping("/prices/{sku}/history")
    Flux<Long> history(@PathVariable String sku) {
      return prices.history(sku);
    }

    @PostMapping("/prices/{sku}")
    Mono<Void> reprice(@PathVariable String sku) {
      return prices.reprice(sku);
    }
  }

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {
    final CountingReactivePrices origin = new CountingReactivePrices();

    @Bean
    CountingReactivePrices origin() {
      return origin;
    }

    @Bean
    PriceController priceController(ReactivePrices prices) {
      return new PriceController(prices);
    }

    /** Puts the request's X-Tenant header into the Reactor context of its handling. */
    @Bean
    WebFilter tenantFilter() {
      return (exchange, chain) -> {
        String tenant = exchange.getRequest().getHeaders().getFirst("X-Tenant");
        return tenant == null ? chain.filter(exchange)
            : chain.filter(exchange).contextWrite(Context.of("tenant", tenant));
      };
    }
  }
}
