package io.tiered.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class KeyArraysTest {

  @Test
  void copiesEveryArrayItHoldsAtAnyDepthAndSharesTheRest() {
    String sku = "sku-1";
    int[] ints = {1, 2};
    Object[] mixed = {sku, ints, new String[][] {{"a"}}, null};

    Object[] copy = KeyArrays.deepCopy(mixed);

    assertThat(copy).isNotSameInstanceAs(mixed);
    assertThat(copy[0]).isSameInstanceAs(sku);
    assertThat(copy[1]).isNotSameInstanceAs(ints);
    assertThat((int[]) copy[1]).isEqualTo(ints);
    assertThat(((String[][]) copy[2])[0]).isNotSameInstanceAs(((String[][]) mixed[2])[0]);
    assertThat(((String[][]) copy[2])[0]).isEqualTo(new String[] {"a"});
    assertThat(copy[3]).isNull();
  }

  @Test
  void nullIsNull() {
    assertThat(KeyArrays.<String>deepCopy(null)).isNull();
  }
}
