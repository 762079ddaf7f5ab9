package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every JVM of a fleet writes a bean key alike. Reflection lists a class's methods in an order
 * that depends on the JVM's symbol table: with class data sharing off, a bean's getters come in
 * another order than with it on, and so, unsorted, would its JSON properties.
 */
class KeyOrderAcrossJvmsTest {
  private static final String EXPECTED = "{\"pageable\":{\"name\":\"n\",\"offset\":20,"
      + "\"pageNumber\":1,\"pageSize\":20,\"paged\":true,\"size\":2,\"sort\":\"name\","
      + "\"value\":\"v\"},\"text\":\"shoes\"}";

  @Test
  void jvmsWithAndWithoutClassDataSharingWriteABeanKeyAlike() throws Exception {
    String sharing = run("-Xshare:auto");
    String notSharing = run("-Xshare:off");

    assertThat(notSharing).isEqualTo(sharing);
    assertThat(sharing).isEqualTo(PrintKeys.keys());
    assertThat(sharing).isEqualTo(EXPECTED + "\n" + EXPECTED); // Jackson 2, then Jackson 3
  }

  /** What {@link PrintKeys} prints in a JVM started with {@code option}. */
  private static String run(String option) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(option);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PrintKeys.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = new String(output, UTF_8).strip();
    assertWithMessage(printed).that(process.exitValue()).isEqualTo(0);
    return printed;
  }
}
