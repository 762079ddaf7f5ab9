package io.tiered.spring.jparedis;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A row of the Redis-backed test application, as petclinic's owners are. */
@Entity
public class Owner {
  @Id private Integer id;
  private String name;

  protected Owner() {}

  public Owner(Integer id, String name) {
    this.id = id;
    this.name = name;
  }

  public Integer getId() {
    return id;
  }

  public String getName() {
    return name;
  }
}
