package io.tiered.redis;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tier's scripts are called by SHA-1; a server that does not know one is sent it once. */
class ScriptsTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final byte[] MARKER = "\0tiered-lease:test".getBytes(StandardCharsets.UTF_8);

  @Test
  void aScriptCrossesTheWireOnlyWhenTheServerDoesNotKnowIt() throws Exception {
    RedisAsyncCommands<String, byte[]> commands =
        redis.newClient().connect(Topology.CODEC).async();
    RedisCommands<String, String> inspect = redis.newClient().connect().sync();
    inspect.scriptFlush();
    inspect.configResetstat();
    commands.set("k", MARKER).get(5, SECONDS);

    for (int call = 0; call < 3; call++) {
      Scripts.fillIfHeld(commands, "k", MARKER, new byte[] {'v'}, Scripts.NO_EXPIRY)
          .get(5, SECONDS);
    }
    inspect.scriptFlush(); // as a restarted server, or another node of a cluster
    Long filled = Scripts.fillIfHeld(commands, "other", MARKER, new byte[] {'v'}, 1_000)
        .get(5, SECONDS);

    assertThat(filled).isEqualTo(0L); // "other" holds no lease: the script ran, and refused
    assertThat(inspect.get("k")).isEqualTo("v");
    String stats = inspect.info("commandstats");
    assertThat(calls(stats, "eval")).isEqualTo(2); // the first call, and the first after the flush
    assertThat(calls(stats, "evalsha")).isEqualTo(4); // every call, two answered NOSCRIPT
  }

  private static long calls(String commandStats, String command) {
    Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }
}
