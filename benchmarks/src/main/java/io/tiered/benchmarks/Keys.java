package io.tiered.benchmarks;

/** The same 1,024 keys for every contender. */
final class Keys {
  static final int COUNT = 1 << 10;
  static final int MASK = COUNT - 1;
  static final String[] SKUS = new String[COUNT];
  static final String[] REGIONS = {"eu", "us", "apac", "latam"};

  static {
    for (int i = 0; i < COUNT; i++) {
      SKUS[i] = "sku-" + i;
    }
  }

  private Keys() {}

  static String region(int index) {
    return REGIONS[index & 3];
  }

  static int quantity(int index) {
    return 1 + (index & 7);
  }

  /** Asks every key once, so that the measured calls are all hits. */
  static void warm(PriceLookup service) {
    for (int i = 0; i < COUNT; i++) {
      service.price(SKUS[i]);
      service.quote(SKUS[i], region(i), quantity(i));
    }
  }
}
