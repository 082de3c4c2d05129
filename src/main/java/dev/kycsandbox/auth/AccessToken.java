package dev.kycsandbox.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An issued {@code x-connectfi-token}, kept only as its SHA-256 so a leaked table grants nothing. */
@Entity
@Table(name = "access_token")
public class AccessToken extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public static long deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
