package io.tiered.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A row of the test application's table, as petclinic's vets are. */
@Entity
public class Vet {
  @Id private Integer id;
  private String name;

  protected Vet() {}

  public Vet(Integer id, String name) {
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
