package io.tiered.it;

/** A value the example services return. */
public record Product(String sku, String name, long cents) {}
