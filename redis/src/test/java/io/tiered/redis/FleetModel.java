package io.tiered.redis;

import static com.google.common.truth.Truth.assertWithMessage;

import io.tiered.redis.FleetCatalog.FleetItem;
import io.tiered.runtime.CacheEvent;
import io.tiered.runtime.CacheEventListener;
import io.tiered.runtime.TieredRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A fleet of instances, each its own runtime and L1 with a generated {@link FleetCatalog} proxy,
 * sharing one Redis and one versioned database, driven by virtual-thread callers: a phase without
 * faults, a phase with the faults a {@link Faults} injects, then quiet. Seeded: the seed is printed,
 * and {@code -Dfleet.seed=...} replays a run's choices (thread timing still varies).
 */
final class FleetModel {
  private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
  private static final Duration CALL_BOUND = Duration.ofSeconds(5);
  private static final Duration WINDOW_BOUND = Duration.ofSeconds(10);
  private static final Duration CONVERGENCE = Duration.ofSeconds(20);
  /**
   * Bulk reads ({@code @Bulk}) are in the mix by default ({@code -Dfleet.bulk=false} leaves them
   * out): a bulk load takes the lease of every key it misses and fills only under them, as a
   * single-key load does, so it cannot land an older value after another instance's invalidate
   * (it did, and broke (a), while bulk loads filled Redis with plain SETs). So are {@code @Put}
   * writes ({@code -Dfleet.puts=false} leaves them out): a put takes the key's lease before its
   * origin call and fills under it (it broke (a) while it wrote with a plain SET after the call,
   * which could land after an invalidate of another instance it raced).
   */
  private static final boolean PUTS =
      Boolean.parseBoolean(System.getProperty("fleet.puts", "true"));
  private static final boolean BULK =
      Boolean.parseBoolean(System.getProperty("fleet.bulk", "true"));
  /**
   * Tag writes ({@code @InvalidateTag}) are in the mix by default ({@code -Dfleet.tags=false} leaves
   * them out): one of a row's tag, and one of its shard's, which writes every row of the shard
   * (about a quarter of the keys) and invalidates them all by the one tag.
   */
  private static final boolean TAGS =
      Boolean.parseBoolean(System.getProperty("fleet.tags", "true"));
  /**
   * Whether the calls write tags now: not in the first phase, which checks (c) without them; a
   * second quiet phase checks (c) with them, and the phase with faults checks (a), (b) and (d) with
   * them. (c) with tag writes held once a read that waited for another instance's fill judged the
   * value by the tokens as they were then, not as it first read them, and a read that lost the
   * race for the lease over a value no instance may serve twice still leased over it (before,
   * 0.9-9 % of versions were loaded twice: issue 27).
   */
  private volatile boolean tagWrites;

  /** The declared writes of {@link FleetCatalog}. */
  private enum Write { INVALIDATE, PUT, TAG, SHARD_TAG }

  /** What the fleet's surroundings do to it while the second phase runs. */
  interface Faults {
    /** Injects one fault chosen with {@code random}, and returns what it did. */
    String inject(Random random) throws Exception;

    /** Ends every fault still in place: the server answers, connections are back. */
    void heal() throws Exception;
  }

  private final long seed = Long.getLong("fleet.seed", System.nanoTime());
  private final List<String> skus;
  private final FleetHistory history;
  private final FleetOrigin origin;
  private final List<FleetCatalog> instances = new ArrayList<>();
  private final int callers;

  /**
   * A model of {@code instances.size()} instances over {@code keys} keys.
   *
   * @param runtimes one instance's runtime each, every one with the tier "shared" on the same Redis
   */
  FleetModel(List<TieredRuntime> runtimes, int keys, int callers) {
    this.skus = IntStream.range(0, keys).mapToObj(i -> "sku-" + i).toList();
    this.history = new FleetHistory(runtimes.size(), skus);
    this.origin = new FleetOrigin(history, skus);
    for (TieredRuntime runtime : runtimes) {
      instances.add(new TieredFleetCatalog(origin.of(instances.size()), runtime));
    }
    this.callers = callers;
  }

  /**
   * Runs {@code quietOperations} calls without faults, then {@code faultyOperations} while
   * {@code faults} strike, then checks the fleet converges; fails with every violation found.
   *
   * @param redisValue reads the version Redis holds for a key (its JSON), or null
   */
  void run(long quietOperations, long faultyOperations, Faults faults,
      ToLongFunction<String> redisValue) throws Exception {
    System.out.println("[fleet] seed " + seed + " (replay with -Dfleet.seed=" + seed + "): "
        + instances.size() + " instances, " + skus.size() + " keys, " + callers + " callers");
    Random random = new Random(seed);
    history.countLoads(true);
    drive(quietOperations, random.nextLong());
    List<String> duplicates = history.duplicateLoads();
    System.out.printf("[fleet] without faults: %s; (c) %.2f%% of versions loaded more than once%s%n",
        history, 100 * history.duplicateShare(), Boolean.getBoolean("fleet.trace")
            ? ": " + duplicates : "");

    history.countLoads(false);
    List<String> duplicatesWithTags = List.of();
    if (TAGS) {
      tagWrites = true;
      FleetHistory withTags = history.restartLoadCount();
      drive(quietOperations / 4, random.nextLong());
      duplicatesWithTags = withTags.duplicateLoads();
      System.out.printf("[fleet] with tag writes, without faults: (c) %.2f%% of versions loaded"
          + " more than once%s%n", 100 * withTags.duplicateShare(),
          Boolean.getBoolean("fleet.trace") ? ": " + duplicatesWithTags : "");
      history.countLoads(false);
    }
    List<String> injected = new ArrayList<>();
    Thread striker = Thread.ofPlatform().daemon().name("fleet-faults").start(() -> {
      Random strikes = new Random(random.nextLong());
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(100 + strikes.nextInt(300));
          injected.add(inject(faults, strikes));
        }
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      } catch (Exception failed) {
        history.violation("the fault injector failed: " + failed);
      }
    });
    drive(faultyOperations, random.nextLong());
    striker.interrupt();
    striker.join();
    faults.heal();
    origin.heal();
    origin.slowLoads(0);
    System.out.println("[fleet] with faults (" + summary(injected) + "): " + history);

    long converged = converge(redisValue);
    System.out.println("[fleet] converged " + converged + " ms after the faults stopped");

    assertWithMessage("seed %s: violations", seed).that(history.violations()).isEmpty();
    assertWithMessage("seed %s: (c) versions loaded more than once without faults", seed)
        .that(duplicates).isEmpty();
    assertWithMessage("seed %s: (c) versions loaded more than once with tag writes, without"
        + " faults", seed).that(duplicatesWithTags).isEmpty();
    assertWithMessage("seed %s: (d) the longest call, ms", seed)
        .that(history.longestCallNanos() / 1_000_000).isLessThan(CALL_BOUND.toMillis());
    assertWithMessage("seed %s: (a) the longest a stale read lagged another instance's write, ms",
        seed).that(history.maxLagNanos() / 1_000_000).isLessThan(WINDOW_BOUND.toMillis());
  }

  private int strikes;

  /** Injects each kind of fault in turn (the origin's two, then the others), as long as chosen. */
  private String inject(Faults faults, Random random) throws Exception {
    switch (strikes++ % 5) {
      case 0 -> {
        origin.fail();
        Thread.sleep(50 + random.nextInt(150));
        origin.heal();
        return "origin down";
      }
      case 1 -> {
        origin.slowLoads(TimeUnit.MILLISECONDS.toNanos(300));
        Thread.sleep(300 + random.nextInt(300));
        origin.slowLoads(0);
        return "slow loads";
      }
      default -> {
        return faults.inject(random);
      }
    }
  }

  /** Runs {@code operations} calls spread over the callers. */
  private void drive(long operations, long seed) throws InterruptedException {
    AtomicLong left = new AtomicLong(operations);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int caller = 0; caller < callers; caller++) {
        Random random = new Random(seed + caller);
        threads.submit(() -> {
          while (left.getAndDecrement() > 0) {
            call(random);
          }
        });
      }
      threads.shutdown();
      if (!threads.awaitTermination(10, TimeUnit.MINUTES)) {
        history.violation("(d) callers still running after 10 minutes");
      }
    }
  }

  private void call(Random random) {
    int instance = random.nextInt(instances.size());
    FleetCatalog catalog = instances.get(instance);
    String sku = skus.get(random.nextInt(skus.size()));
    int kind = random.nextInt(100);
    TRACE.set(new ArrayList<>());
    history.callStarts();
    long start = System.nanoTime();
    boolean failed = false;
    try {
      if (kind < 80 || (kind < 90 && !BULK)) {
        long floor = history.floor(instance, sku);
        history.readReturned(instance, sku, start, floor, catalog.item(new FleetSku(sku)),
            "read");
      } else if (kind < 90) {
        Set<String> asked = new LinkedHashSet<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          asked.add(skus.get(random.nextInt(skus.size())));
        }
        Map<String, Long> floors = new java.util.HashMap<>();
        asked.forEach(each -> floors.put(each, history.floor(instance, each)));
        Map<FleetSku, FleetItem> items =
            catalog.items(asked.stream().map(FleetSku::new).collect(Collectors.toSet()));
        asked.forEach(each ->
            history.readReturned(instance, each, start, floors.get(each),
                items.get(new FleetSku(each)), "bulk read"));
      } else {
        failed = !write(instance, catalog, sku, write(kind));
      }
    } catch (IllegalStateException originDown) {
      failed = true;
      if (!"the fleet's database is down".equals(originDown.getMessage())) {
        history.violation("a call failed: " + originDown);
      }
    } catch (RuntimeException unexpected) {
      failed = true;
      history.violation("a call failed although only the origin may fail one: " + unexpected);
    }
    history.called(System.nanoTime() - start, failed);
  }

  /** The write a call of {@code kind} (90 to 99) makes, among those in the mix. */
  private Write write(int kind) {
    if (TAGS && tagWrites && kind >= 97) {
      return kind == 99 ? Write.SHARD_TAG : Write.TAG;
    }
    return kind < 94 || !PUTS ? Write.INVALIDATE : Write.PUT;
  }

  private boolean write(int instance, FleetCatalog catalog, String sku, Write write) {
    FleetSku row = new FleetSku(sku);
    // A tag write is a write of every row carrying the tag: a load it overlaps lands nowhere and
    // must be loaded again, which (c) does not count as a second load of that version.
    List<String> rows = write == Write.SHARD_TAG ? origin.shard(row.getShard()) : List.of(sku);
    rows.forEach(history::writeStarted);
    try {
      switch (write) {
        case INVALIDATE -> {
          catalog.update(row);
          history.writeReturned(instance, sku, origin.lastUpdate());
        }
        case PUT -> history.writeReturned(instance, sku, catalog.replace(row).version());
        case TAG -> {
          catalog.retag(row);
          history.writeReturned(instance, sku, origin.lastUpdate());
        }
        case SHARD_TAG -> {
          catalog.reshard(row);
          origin.lastShardUpdate().forEach(
              (each, version) -> history.writeReturned(instance, each, version));
        }
      }
      return true;
    } catch (RuntimeException failed) {
      rows.forEach(history::writeFailed);
      throw failed;
    }
  }

  /**
   * (b): waits until every instance and Redis agree on every key's latest version, and returns how
   * long that took; a violation when they still disagree after {@link #CONVERGENCE}.
   */
  private long converge(ToLongFunction<String> redisValue) throws InterruptedException {
    long start = System.nanoTime();
    List<String> disagreements = List.of();
    while (System.nanoTime() - start < CONVERGENCE.toNanos()) {
      disagreements = disagreements(redisValue);
      if (disagreements.isEmpty()) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(100);
    }
    history.violation("(b) " + CONVERGENCE.toSeconds() + " s after the faults stopped: "
        + disagreements.stream().limit(10).toList());
    return -1;
  }

  private List<String> disagreements(ToLongFunction<String> redisValue) {
    List<String> found = new ArrayList<>();
    boolean inRedisAtAll = false;
    for (String sku : skus) {
      long latest = origin.current(sku);
      for (int i = 0; i < instances.size(); i++) {
        try {
          long read = instances.get(i).item(new FleetSku(sku)).version();
          if (read != latest) {
            found.add("instance " + i + " reads " + sku + " v" + read + ", latest v" + latest);
          }
        } catch (RuntimeException failed) {
          found.add("instance " + i + " failed reading " + sku + ": " + failed);
        }
      }
      long inRedis = redisValue.applyAsLong(sku);
      if (inRedis >= 0 && inRedis != latest) {
        found.add("Redis holds " + sku + " v" + inRedis + ", latest v" + latest);
      }
      inRedisAtAll |= inRedis >= 0;
    }
    if (!inRedisAtAll) { // the reads just made fill Redis: none there means the wrong Redis keys
      found.add("no key in Redis under " + redisKey(skus.get(0)) + " and its like");
    }
    return found;
  }

  /** With {@code -Dfleet.trace=true}: each call's events, printed with a violation it caused. */
  static final ThreadLocal<List<String>> TRACE = ThreadLocal.withInitial(ArrayList::new);

  /** The listener that fills {@link #TRACE}, or none. */
  static List<CacheEventListener> tracing() {
    if (!Boolean.getBoolean("fleet.trace")) {
      return List.of();
    }
    return List.of(event -> TRACE.get().add(event.kind() + "@" + event.tier()
        + (event.coalesced() ? "(coalesced)" : "") + "@" + System.nanoTime() / 1000 % 1_000_000));
  }

  /** The version in a Redis entry's JSON, or -1 for none (no entry, or a lease). */
  static long version(String stored) {
    if (stored == null) {
      return -1;
    }
    Matcher version = VERSION.matcher(stored);
    return version.find() ? Long.parseLong(version.group(1)) : -1;
  }

  /** The Redis key of {@code sku}'s entry, under the default prefix: its properties sorted. */
  static String redisKey(String sku) {
    FleetSku key = new FleetSku(sku);
    return RedisTiers.DEFAULT_PREFIX + ":FleetCatalog.item:{\"code\":\"" + key.getCode()
        + "\",\"shard\":" + key.getShard() + "}";
  }

  private static String summary(List<String> injected) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    injected.forEach(fault -> counts.merge(fault, 1L, Long::sum));
    return counts.toString();
  }
}
