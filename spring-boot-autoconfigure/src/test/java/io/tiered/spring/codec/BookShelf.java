package io.tiered.spring.codec;

/** The implementation an application's mix-in names for {@link Shelf}. */
public record BookShelf(String name) implements Shelf {}
