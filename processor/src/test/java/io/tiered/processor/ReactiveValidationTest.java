package io.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Findings.assertOneError;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.REACTIVE_BULK_FLUX;
import static io.tiered.processor.validate.Message.REACTIVE_FLUX_WRITE;
import static io.tiered.processor.validate.Message.REACTIVE_NESTED;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The compile errors of {@code Mono} and {@code Flux} shapes Tiered does not cache or write. */
class ReactiveValidationTest {

  @Test
  void aMonoOfAMono() {
    assertOneError(prices("  Mono<Mono<Long>> price(String sku);"), "price(String sku)",
        "[Tiered:REACTIVE_NESTED] " + REACTIVE_NESTED.detail("Prices.price(String)",
            "reactor.core.publisher.Mono<reactor.core.publisher.Mono<java.lang.Long>>", "Mono"));
  }

  @Test
  void aFluxOfFutures() {
    assertOneError(prices("  Flux<CompletableFuture<Long>> price(String sku);"),
        "price(String sku)", "[Tiered:REACTIVE_NESTED] " + REACTIVE_NESTED.detail(
            "Prices.price(String)",
            "reactor.core.publisher.Flux<java.util.concurrent.CompletableFuture<java.lang.Long>>",
            "Flux"));
  }

  @Test
  void aFutureOfAMono() {
    assertOneError(prices("  CompletableFuture<Mono<Long>> price(String sku);"),
        "price(String sku)", "[Tiered:REACTIVE_NESTED] " + REACTIVE_NESTED.detail(
            "Prices.price(String)",
            "java.util.concurrent.CompletableFuture<reactor.core.publisher.Mono<java.lang.Long>>",
            "CompletableFuture"));
  }

  @Test
  void aFluxFromABulkMethod() {
    assertOneError(prices("  Mono<Long> price(String sku);",
            "  @Bulk",
            "  Flux<Long> prices(Set<String> skus);"), "@Bulk",
        "[Tiered:REACTIVE_BULK_FLUX] " + REACTIVE_BULK_FLUX.detail("Prices.prices(Set)",
            "reactor.core.publisher.Flux<java.lang.Long>"));
  }

  @Test
  void aFluxFromATagWrite() {
    assertOneError(prices("  Mono<Long> price(String sku);",
            "  @InvalidateTag(\"product:{sku}\")",
            "  Flux<Long> update(String sku);"), "@InvalidateTag",
        "[Tiered:REACTIVE_FLUX_WRITE] " + REACTIVE_FLUX_WRITE.detail(
            "@InvalidateTag(\"product:{sku}\")", "Prices.update(String)",
            "reactor.core.publisher.Flux<java.lang.Long>"));
  }

  @Test
  void taggedPublishersAndTagWritesCompileWithoutWarnings() {
    assertThat(compile(prices(
        "  @Tag(\"product:{sku}\") Mono<Long> price(String sku);",
        "  @Tag(\"product:{sku}\") Flux<Long> history(String sku);",
        "  @InvalidateTag(\"product:{sku}\") Mono<Void> update(String sku);")))
        .succeededWithoutWarnings();
  }

  @Test
  void aFluxFromAWrite() {
    assertOneError(prices("  Mono<Long> price(String sku);",
            "  @Invalidate(\"price\")",
            "  Flux<Long> update(String sku);"), "@Invalidate",
        "[Tiered:REACTIVE_FLUX_WRITE] " + REACTIVE_FLUX_WRITE.detail("@Invalidate(\"price\")",
            "Prices.update(String)", "reactor.core.publisher.Flux<java.lang.Long>"));
  }

  @Test
  void aMonoOfAMonoFromAWrite() {
    assertOneError(prices("  Mono<Long> price(String sku);",
            "  @Invalidate(\"price\")",
            "  Mono<Mono<Long>> update(String sku);"), "@Invalidate",
        "[Tiered:REACTIVE_NESTED] " + REACTIVE_NESTED.detail("Prices.update(String)",
            "reactor.core.publisher.Mono<reactor.core.publisher.Mono<java.lang.Long>>", "Mono"));
  }

  @Test
  void monoWritesMayPutIntoAndEvictFromSynchronousCaches() {
    Compilation compilation = compile(prices(
        "  Long price(String sku);",
        "  @Put(\"price\")",
        "  Mono<Long> reprice(String sku);",
        "  @Invalidate(\"price\")",
        "  Mono<Void> delete(String sku);"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void monoBulkMethodsCompileWithACacheOfTheirOwnOrASynchronousOnesShared() {
    Compilation compilation = compile(prices(
        "  Long price(String sku);",
        "  @Bulk @Tiered(name = \"Prices.price\")",
        "  Mono<java.util.Map<String, Long>> prices(Set<String> skus);",
        "  @Bulk",
        "  Mono<java.util.Map<String, Long>> stock(String[] skus);"));

    assertThat(compilation).succeededWithoutWarnings();
  }

  /** {@code com.acme.Prices}, a {@code @Tiered} interface of {@code lines}. */
  private static JavaFileObject prices(String... lines) {
    return JavaFileObjects.forSourceString("com.acme.Prices", String.join("\n",
        "package com.acme;",
        "import io.tiered.Bulk;",
        "import io.tiered.Invalidate;",
        "import io.tiered.InvalidateTag;",
        "import io.tiered.Put;",
        "import io.tiered.Tag;",
        "import io.tiered.Tiered;",
        "import java.util.Set;",
        "import java.util.concurrent.CompletableFuture;",
        "import reactor.core.publisher.Flux;",
        "import reactor.core.publisher.Mono;",
        "@Tiered",
        "public interface Prices {",
        String.join("\n", lines),
        "}"));
  }
}
