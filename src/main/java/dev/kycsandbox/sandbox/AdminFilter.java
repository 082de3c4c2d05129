package dev.kycsandbox.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;

public class AdminFilter {

    public static final String HEADER = "x-sandbox-admin-token";

    @Inject
    AdminCredential credential;

    @ServerRequestFilter
    @AdminOnly
    public void authenticate(ContainerRequestContext request) {
        if (!credential.matches(request.getHeaderString(HEADER))) {
            throw new ApiException(ErrorCode.UNAUTHORIZED);
        }
    }
}
