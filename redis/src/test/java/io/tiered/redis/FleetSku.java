package io.tiered.redis;

import java.util.Objects;

/**
 * The fleet model's key: a bean, not a record, so that the Redis key every instance computes for
 * it depends on Tiered's canonical encoding (its properties sorted), not on the order reflection
 * lists them in, which differs between JVMs. Two properties, declared against their sorted order.
 */
public final class FleetSku {
  private int shard;
  private String code = "";

  /** For Jackson, which reads invalidated keys back. */
  public FleetSku() {}

  FleetSku(String code) {
    this.code = code;
    this.shard = Math.floorMod(code.hashCode(), 4);
  }

  public int getShard() {
    return shard;
  }

  public void setShard(int shard) {
    this.shard = shard;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FleetSku sku && sku.shard == shard && sku.code.equals(code);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, shard);
  }

  @Override
  public String toString() {
    return code;
  }
}
