package io.tiered.redis;

import java.util.Objects;

/**
 * Keys that are beans, as Spring Data's {@code PageRequest} is: their properties come in whatever
 * order reflection lists their members in, unless sorted.
 */
final class KeyBeans {
  private KeyBeans() {}

  /** A bean whose fields are declared in another order than its getters, and neither sorted. */
  static final class PageQuery {
    private int size;
    private int page;
    private String sort = "";

    PageQuery() {}

    PageQuery(int page, int size, String sort) {
      this.page = page;
      this.size = size;
      this.sort = sort;
    }

    public String getSort() {
      return sort;
    }

    public int getPage() {
      return page;
    }

    public int getSize() {
      return size;
    }

    public void setSize(int size) {
      this.size = size;
    }

    public void setSort(String sort) {
      this.sort = sort;
    }

    public void setPage(int page) {
      this.page = page;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PageQuery that
          && page == that.page && size == that.size && sort.equals(that.sort);
    }

    @Override
    public int hashCode() {
      return Objects.hash(page, size, sort);
    }
  }

  /**
   * A bean with only getters, whose properties come in the order reflection lists its methods:
   * that order differs between a JVM with class data sharing and one without (see
   * {@link KeyOrderAcrossJvmsTest}).
   */
  public static final class Pageable {
    public int getPageNumber() {
      return 1;
    }

    public int getPageSize() {
      return 20;
    }

    public long getOffset() {
      return 20;
    }

    public String getSort() {
      return "name";
    }

    public boolean isPaged() {
      return true;
    }

    public String getName() {
      return "n";
    }

    public int getSize() {
      return 2;
    }

    public String getValue() {
      return "v";
    }
  }

  /** A multi-parameter key, as the processor generates it, with a bean inside. */
  record Search(String text, Pageable pageable) {}
}
