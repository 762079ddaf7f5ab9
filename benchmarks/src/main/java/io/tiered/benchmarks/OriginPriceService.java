package io.tiered.benchmarks;

/** The origin: cheap and deterministic, since only hits are measured. */
final class OriginPriceService
    implements PriceService, ExpiringPriceService, TaggedPriceService {

  @Override
  public Price price(String sku) {
    return new Price(sku, sku.hashCode() & 0xFFFF);
  }

  @Override
  public Price quote(String sku, String region, int quantity) {
    return new Price(sku, (long) (sku.hashCode() & 0xFFFF) * quantity + region.length());
  }
}
