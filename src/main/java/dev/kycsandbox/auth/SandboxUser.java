package dev.kycsandbox.auth;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A login of the sandbox; everything its tokens create belongs to its tenant. */
@Entity
@Table(name = "sandbox_user")
public class SandboxUser extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String login;

    /** bcrypt, never the password itself. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<SandboxUser> findByLogin(String login) {
        return find("login", login).firstResultOptional();
    }
}
