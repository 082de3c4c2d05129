package dev.kycsandbox.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;

/** Authenticates {@link TokenRequired} endpoints: a missing, unknown or expired token is 401 {@code unauthorized}. */
public class TokenFilter {

    public static final String HEADER = "x-connectfi-token";

    @Inject
    AuthService auth;

    @Inject
    Caller caller;

    /** Runs on the worker thread of the (blocking) endpoint, since the token lookup is a query. */
    @ServerRequestFilter
    @TokenRequired
    public void authenticate(ContainerRequestContext request) {
        String token = request.getHeaderString(HEADER);
        String tenantId = auth.tenantOf(token).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
        caller.authenticateAs(tenantId);
    }
}
