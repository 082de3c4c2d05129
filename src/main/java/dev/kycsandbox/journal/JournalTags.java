package dev.kycsandbox.journal;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.kycsandbox.api.ApiCall;
import dev.kycsandbox.auth.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds what only the REST layer knows (route template, tenant, customer) to the request being
 * journaled, once it is answered. (A fault that cuts the connection tags it before, as the
 * response filters may come too late.)
 */
public class JournalTags {

    @Inject
    Caller caller;

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ResourceInfo resource, UriInfo uri, RoutingContext rc) {
        JournalRecorder.tag(rc, ApiCall.of(request.getMethod(), resource, uri, caller.authenticatedTenant()));
    }
}
