package dev.kycsandbox.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer registered by {@code /customer/init}, owned by one tenant. */
@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String reference;

    @Column(name = "customer_type", nullable = false)
    public String customerType;

    /** The validated customer object as JSON text, echoed as it is in every response. */
    @Column(nullable = false)
    public String details;

    /** SSN or FEIN, kept apart from {@link #details} so the database can refuse a duplicate within a tenant. */
    @Column(name = "tax_id")
    public String taxId;

    /** The individual's or the representatives' last names, which the sandbox's outcome rules read. */
    @Mutability(Immutability.class) // replaced, never changed in place: no deep copy to dirty-check
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_names", nullable = false)
    public List<String> lastNames;

    /** Status of the customer's latest KYC session, kept by the kyc feature in the same transaction. */
    @Column(name = "kyc_status")
    public String kycStatus;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Another tenant's customer is not found, exactly like an unknown id. */
    public static Optional<Customer> findInTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }

    /** As {@link #findInTenant}, holding the row lock until the transaction ends. */
    public static Optional<Customer> lockInTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<Customer> findByReference(String tenantId, String reference) {
        return find("tenantId = ?1 and reference = ?2", tenantId, reference).firstResultOptional();
    }

    public static Optional<Customer> findByTaxId(String tenantId, String customerType, String taxId) {
        return find("tenantId = ?1 and customerType = ?2 and taxId = ?3", tenantId, customerType, taxId)
                .firstResultOptional();
    }
}
