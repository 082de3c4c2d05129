package dev.kycsandbox.akepa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A party an application checks ({@code entityApplications[]}): for an individual the customer
 * itself; for a business the business, until the sandbox models its representatives. Its status
 * and outcome are the application's, as with one entity they always are.
 */
@Entity
@Table(name = "akepa_entity")
public class AkepaEntity extends PanacheEntityBase {

    static final String ID_PREFIX = "ient";

    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "application_id")
    public AkepaApplication application;

    /** The customer id (connectFi: for an individual the entity id is the customer id). */
    @Column(name = "entity_id", nullable = false)
    public String entityId;

    @Column(name = "is_customer", nullable = false)
    public boolean isCustomer;

    @Column(nullable = false)
    public int position;
}
