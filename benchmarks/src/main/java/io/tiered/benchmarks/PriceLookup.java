package io.tiered.benchmarks;

/** What every contender answers: the same methods, keys and origin. */
public interface PriceLookup {

  Price price(String sku);

  Price quote(String sku, String region, int quantity);
}
