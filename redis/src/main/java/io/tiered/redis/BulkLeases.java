package io.tiered.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a bulk load read and leased as {@link Leases#readOrLease} reads and leases one: one
 * {@code MGET}, then pipelines for the keys Redis lacks.
 */
final class BulkLeases {
  private final Leases leases;

  BulkLeases(Leases leases) {
    this.leases = leases;
  }

  /**
   * Reads the keys of a bulk load with one {@code MGET}, then leases only those Redis lacks, as
   * {@link #readOrLeaseAll} leases them: a key that holds a value is read as a {@code SET NX PX
   * GET} would have read it (which leaves a key holding a value as it is), so a bulk read of keys
   * Redis holds costs what it costs without leases. The keys found empty or under another
   * instance's lease go through {@link #readOrLeaseAll}, whose {@code SET NX PX GET} also picks up
   * a value filled since the {@code MGET}. Returns what was found for each key, in the order
   * asked.
   */
  Leases.Read[] readThenLeaseMissing(TimedCommands redis, List<String> redisKeys, List<?> loads) {
    String[] keys = redisKeys.toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", keys.length + " keys", commands -> commands.mget(keys));
    Leases.Read[] reads = new Leases.Read[keys.length];
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) { // MGET answers in the order asked
      KeyValue<String, byte[]> value = stored.get(i);
      if (value.hasValue() && !LeaseMarkers.isLease(value.getValue())) {
        reads[i] = new Leases.Read(value.getValue(), false);
      } else {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      Leases.Read[] leased = readOrLeaseAll(redis,
          missing.stream().map(redisKeys::get).toList(), missing.stream().map(loads::get).toList());
      for (int n = 0; n < leased.length; n++) {
        reads[missing.get(n)] = leased[n];
      }
    }
    return reads;
  }

  /**
   * As {@link Leases#readOrLease} for several keys at once, each for its own load ({@code loads},
   * in the order of {@code redisKeys}): one pipeline of {@code SET NX PX GET}, one per key (so
   * each goes to its own slot on a cluster), reads every key and takes the lease of each empty
   * one. Keys another instance holds the lease of are then polled together ({@code MGET}), with
   * the pauses of {@link Leases#readOrLease}, taking values as they land (and the lease of a key
   * whose lease is gone, in one more pipeline) until {@code maxWait}; the leases still in place
   * then are adopted for their loads, as a single waiter adopts its own. Returns what was found
   * for each key, in the order asked.
   */
  Leases.Read[] readOrLeaseAll(TimedCommands redis, List<String> redisKeys, List<?> loads) {
    Backoff backoff = leases.newWait();
    Round round = new Round(redisKeys, loads);
    List<Integer> toLease = new ArrayList<>(redisKeys.size());
    for (int i = 0; i < redisKeys.size(); i++) {
      toLease.add(i);
    }
    while (true) {
      if (!toLease.isEmpty()) {
        leaseAll(redis, round, toLease);
      }
      if (round.waiting.isEmpty()) {
        return round.reads;
      }
      if (!backoff.pause()) {
        for (int i : round.waiting) { // adopted: this load fills under the lease it waited on
          round.reads[i] = leases.adopt(loads.get(i), redisKeys.get(i), round.othersLeases[i]);
        }
        return round.reads;
      }
      toLease = poll(redis, round);
    }
  }

  /** Where one {@link #readOrLeaseAll} stands: what it found, and the keys it waits on. */
  private static final class Round {
    final List<String> redisKeys;
    final List<?> loads;
    final Leases.Read[] reads;
    /** The lease another instance holds, at the index of each key of {@link #waiting}. */
    final byte[][] othersLeases;
    final List<Integer> waiting = new ArrayList<>();

    Round(List<String> redisKeys, List<?> loads) {
      this.redisKeys = redisKeys;
      this.loads = loads;
      this.reads = new Leases.Read[redisKeys.size()];
      this.othersLeases = new byte[redisKeys.size()][];
    }
  }

  /**
   * One pipeline of {@code SET NX PX GET}, for the keys at {@code indexes}: a key that was empty is
   * now leased for its load; one holding another instance's lease joins {@code waiting}.
   */
  private void leaseAll(TimedCommands redis, Round round, List<Integer> indexes) {
    SetArgs ifAbsent = leases.ifAbsent();
    byte[][] markers = new byte[indexes.size()][];
    for (int n = 0; n < markers.length; n++) {
      markers[n] = leases.newMarker();
    }
    List<byte[]> stored = redis.run("SET NX GET", indexes.size() + " keys",
        commands -> Pipeline.each(markers.length,
            n -> commands.setGet(round.redisKeys.get(indexes.get(n)), markers[n], ifAbsent)));
    for (int n = 0; n < markers.length; n++) {
      int i = indexes.get(n);
      byte[] value = stored.get(n);
      Leases.Read read =
          leases.readOrLeased(round.loads.get(i), round.redisKeys.get(i), markers[n], value);
      if (read == null) {
        round.othersLeases[i] = value;
        round.waiting.add(i);
      } else {
        round.reads[i] = read;
      }
    }
  }

  /**
   * One {@code MGET} of the keys the round waits on, which it leaves waiting on the keys still
   * leased by another instance; returns the keys found empty (their lease given up or
   * invalidated), whose lease is to be taken.
   */
  private static List<Integer> poll(TimedCommands redis, Round round) {
    String[] polled = round.waiting.stream().map(round.redisKeys::get).toArray(String[]::new);
    List<KeyValue<String, byte[]>> stored =
        redis.run("MGET", polled.length + " keys", commands -> commands.mget(polled));
    List<Integer> empty = new ArrayList<>();
    List<Integer> stillLeased = new ArrayList<>();
    for (int n = 0; n < polled.length; n++) { // MGET answers in the order asked
      int i = round.waiting.get(n);
      KeyValue<String, byte[]> value = stored.get(n);
      if (!value.hasValue()) {
        empty.add(i);
      } else if (LeaseMarkers.isLease(value.getValue())) {
        round.othersLeases[i] = value.getValue();
        stillLeased.add(i);
      } else {
        round.reads[i] = new Leases.Read(value.getValue(), false);
      }
    }
    round.waiting.clear();
    round.waiting.addAll(stillLeased);
    return empty;
  }
}
