package io.tiered.it;

/** A checked exception an origin throws; callers must get this very instance back. */
public final class ProductNotFoundException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProductNotFoundException(String sku) {
    super("no product " + sku);
  }
}
