package io.tiered.spring.codec;

import tools.jackson.databind.annotation.JsonDeserialize;

/** The application's Jackson 3 mix-in: a {@link Shelf} is read as a {@link BookShelf}. */
@JsonDeserialize(as = BookShelf.class)
interface ShelfMixin {}
