package dev.kycsandbox.auth;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The tenant of the token that authenticated the current request (set by {@link TokenFilter}). */
@RequestScoped
public class Caller {

    private String tenantId;

    void authenticateAs(String tenantId) {
        this.tenantId = tenantId;
    }

    public String tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("No authenticated caller: is the resource annotated @TokenRequired?");
        }
        return tenantId;
    }

    /** The tenant, where a token authenticated the request (the journal and fault rules ask every request). */
    public Optional<String> authenticatedTenant() {
        return Optional.ofNullable(tenantId);
    }
}
