package io.tiered.example;

/** One product of the catalogue. */
public record Product(String sku, String name, String category, long priceCents) {}
