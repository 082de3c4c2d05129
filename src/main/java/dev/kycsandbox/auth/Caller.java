package dev.kycsandbox.auth;

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
}
