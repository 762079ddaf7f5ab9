package io.tiered.spring.codec;

/** A value type that is an interface: JSON can write it, and read it back only with help. */
public interface Shelf {
  String name();
}
