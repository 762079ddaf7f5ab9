package io.tiered.processor;

import static io.tiered.processor.Findings.assertOneError;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.tiered.processor.Sources.acme;
import static io.tiered.processor.Sources.compile;
import static io.tiered.processor.validate.Message.PUT_ON_VOID;
import static io.tiered.processor.validate.Message.PUT_TYPE_MISMATCH;
import static io.tiered.processor.validate.Message.WRITE_ALL_WITH_KEY;
import static io.tiered.processor.validate.Message.WRITE_KEY_MISSING;
import static io.tiered.processor.validate.Message.WRITE_KEY_PATH_INVALID;
import static io.tiered.processor.validate.Message.WRITE_ON_CACHED_METHOD;
import static io.tiered.processor.validate.Message.WRITE_TARGET_AMBIGUOUS;
import static io.tiered.processor.validate.Message.WRITE_TARGET_UNKNOWN;

import com.google.testing.compile.Compilation;
import io.tiered.processor.validate.Message;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per error of {@code @Invalidate} and {@code @Put}: its message, file and line. */
class WriteValidationTest {

  private static JavaFileObject prices(String... write) {
    String[] lines = new String[write.length + 6];
    lines[0] = "@Tiered";
    lines[1] = "public interface Prices {";
    lines[2] = "  String price(String sku);";
    lines[3] = "  List<String> quote(String sku, int quantity);";
    System.arraycopy(write, 0, lines, 4, write.length);
    lines[write.length + 4] = "  record Order(String sku, int quantity) {}";
    lines[write.length + 5] = "}";
    return acme("Prices", lines);
  }

  @Test
  void unknownTargetInTheSecondOfTwoInvalidates() {
    JavaFileObject source = prices(
        "  @Invalidate(\"price\")",
        "  @Invalidate(\"prices\")",
        "  void update(String sku);");

    assertError(source, "@Invalidate(\"prices\")", WRITE_TARGET_UNKNOWN,
        "@Invalidate(\"prices\")", "Prices.update(String)", "Prices",
        "price(String), quote(String, int)");
  }

  @Test
  void ambiguousTarget() {
    JavaFileObject source = prices(
        "  String price(String sku, int quantity);",
        "  @Invalidate(\"price\") void update(String sku);");

    assertError(source, "@Invalidate(\"price\") void", WRITE_TARGET_AMBIGUOUS,
        "@Invalidate(\"price\")", "Prices.update(String)", "price(String), price(String, int)",
        "Invalidate", "price(String)");
  }

  @Test
  void anOverloadNamedWithItsParameterTypesCompiles() {
    JavaFileObject source = prices(
        "  String price(String sku, int quantity);",
        "  @Invalidate(\"price(String, int)\") void update(String sku, int quantity);",
        "  @Invalidate(\"price(java.lang.String)\") void rename(String sku);");

    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void targetParameterWithNoSource() {
    JavaFileObject source = prices(
        "  @Invalidate(\"quote\") void update(String sku);");

    assertError(source, "@Invalidate(\"quote\")", WRITE_KEY_MISSING,
        "@Invalidate(\"quote\")", "Prices.update(String)", "quote(String, int)", "quantity", "int",
        "no parameter is named quantity");
  }

  @Test
  void keyPathThatDoesNotResolve() {
    JavaFileObject source = prices(
        "  @Invalidate(value = \"price\", key = \"order.code\") void save(Order order);");

    assertError(source, "key = \"order.code\"", WRITE_KEY_PATH_INVALID,
        "order.code", "@Invalidate(\"price\")", "Prices.save(Order)", "price(String)",
        "sku (String)", "Order has no record component or no-arg method code");
  }

  @Test
  void keyPathWhoseTypeDoesNotFit() {
    JavaFileObject source = prices(
        "  @Invalidate(value = \"quote\", key = \"order.sku, order.sku\") void save(Order order);");

    assertError(source, "key = \"order.sku, order.sku\"", WRITE_KEY_PATH_INVALID,
        "order.sku", "@Invalidate(\"quote\")", "Prices.save(Order)", "quote(String, int)",
        "quantity (int)", "it is of type String, which does not fit int");
  }

  @Test
  void allWithAKey() {
    JavaFileObject source = prices(
        "  @Invalidate(value = \"price\", all = true, key = \"sku\") void reprice(String sku);");

    assertError(source, "all = true", WRITE_ALL_WITH_KEY,
        "Prices.reprice(String)", "price(String)", "sku");
  }

  @Test
  void putOnAVoidMethod() {
    JavaFileObject source = prices(
        "  @Put(\"price\") void create(String sku);");

    assertError(source, "@Put(\"price\")", PUT_ON_VOID,
        "@Put(\"price\")", "Prices.create(String)", "price");
  }

  @Test
  void putOfAResultTheTargetDoesNotCache() {
    JavaFileObject source = prices(
        "  @Put(\"price\") Integer create(String sku);");

    assertError(source, "@Put(\"price\")", PUT_TYPE_MISMATCH,
        "@Put(\"price\")", "Prices.create(String)", "Integer", "price(String)", "String", "price");
  }

  @Test
  void writeThatIsAlsoCached() {
    JavaFileObject source = prices(
        "  @Tiered(maximumSize = 5)",
        "  @Invalidate(\"price\")",
        "  String update(String sku);");

    assertError(source, "@Tiered(maximumSize = 5)", WRITE_ON_CACHED_METHOD,
        "@Invalidate(\"price\")", "Prices.update(String)");
  }

  @Test
  void everyKeyFormCompilesWithoutWarnings() {
    JavaFileObject source = prices(
        "  @Invalidate(\"price\") void update(String sku, long cents);",
        "  @Invalidate(\"price\") void rename(String code);",
        "  @Invalidate(value = \"quote\", key = \"order.sku, order.quantity\") void save(Order order);",
        "  @Invalidate(\"price\") void updateAll(Set<String> skus);",
        "  @Invalidate(\"price\") void updateEach(String[] skus);",
        "  @Invalidate(value = \"quote\", all = true) void reprice();",
        "  @Put(\"price\") String create(String sku);");

    assertThat(compile(source)).succeededWithoutWarnings();
  }

  /** {@code source} failed with one error, {@code message}, on {@code line}. */
  private static void assertError(JavaFileObject source, String line, Message message,
      Object... arguments) {
    assertOneError(source, line, "[" + message.id() + "] " + message.detail(arguments));
  }
}
