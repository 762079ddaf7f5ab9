package io.tiered.benchmarks;

/** The value every contender caches. */
public record Price(String sku, long cents) {}
