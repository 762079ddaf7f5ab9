package com.acme;

import static com.google.common.truth.Truth.assertThat;

import com.acme.PriceService.Price;
import io.tiered.runtime.TieredProxy;
import io.tiered.runtime.TieredRuntime;
import io.tiered.runtime.Tiers;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The README's quick start, run as written. */
class ReadmeQuickStartTest {
  /** Stands in for the README's HttpPriceService. */
  private final CountingPriceService origin = new CountingPriceService();

  @Test
  void quickStartRunsAsTheReadmeSays() throws Exception {
    Price newPrice = new Price("sku-1", 120);
    try (TieredRuntime runtime = TieredRuntime.builder()
        .tier("shared", Tiers.memory())
        .build()) {
      TieredPriceService prices = new TieredPriceService(origin, runtime);

      prices.price("sku-1");
      prices.price("sku-1");
      assertThat(origin.calls()).isEqualTo(1);

      prices.update(newPrice);
      prices.priceCache().invalidate("sku-1");
      prices.price("sku-1");
      assertThat(origin.calls()).isEqualTo(2);

      ((TieredProxy) prices).invalidateAll();
      assertThat(prices.stats().toString()).contains("PriceService.price");
    }
  }

  @Test
  void theReadmeShowsTheCompiledInterface() {
    DocSnippets.assertShownIn(DocSnippets.javaBlocks("README.md").get(0),
        Path.of("src", "main", "java", "com", "acme", "PriceService.java"));
  }

  @Test
  void theReadmeXmlNamesEveryArtifactAtTheProjectsVersion() throws Exception {
    String xml = DocSnippets.blocks("README.md", "xml").get(0);
    Document readme = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new InputSource(new StringReader("<project>" + xml + "</project>")));
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(DocSnippets.ROOT.resolve("pom.xml").toFile());
    XPath xpath = XPathFactory.newInstance().newXPath();
    String version = xpath.evaluate("/project/version", pom);

    assertThat(texts(xpath, readme, "/project/dependencies/dependency/artifactId"))
        .containsExactly("tiered-annotations", "tiered-runtime");
    assertThat(texts(xpath, readme, "//annotationProcessorPaths/path/artifactId"))
        .containsExactly("tiered-processor");
    assertThat(texts(xpath, readme, "//*[groupId = 'io.tiered']/version"))
        .containsExactly(version, version, version);
  }

  private static List<String> texts(XPath xpath, Document document, String expression)
      throws Exception {
    NodeList nodes = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }
}
