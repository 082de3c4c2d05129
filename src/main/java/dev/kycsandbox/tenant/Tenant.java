package dev.kycsandbox.tenant;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An isolated space of the sandbox (connectFi's {@code cFiAggregatorId}): its users' tokens see
 * only its customers, sessions and documents. Teams give each developer or CI job its own.
 */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    /**
     * The key webhooks of this tenant are signed with (HMAC-SHA256). Unlike a password it must
     * be readable, since the sandbox signs with it and integrators verify with it.
     */
    @Column(name = "webhook_secret", nullable = false)
    public String webhookSecret;

    /**
     * The KYC mode the tenant's new sessions open in, by its wire name ({@code passportCondor});
     * null: the configured default ({@code sandbox.kyc.default-mode}).
     */
    @Column(name = "kyc_mode")
    public String kycMode;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<Tenant> listAllById() {
        return list("order by id");
    }
}
