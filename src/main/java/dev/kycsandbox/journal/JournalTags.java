package dev.kycsandbox.journal;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.kycsandbox.api.ApiCall;
import dev.kycsandbox.api.ErrorBody;
import dev.kycsandbox.auth.Caller;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds what only the REST layer knows (route template, tenant, customer) to the request being
 * journaled, once it is answered, and the error envelope it answered with. Response filters run
 * from the highest priority value down, so this one, below the default, runs after those that
 * replace an answer (a stored-then-failed fault). (A fault that cuts the connection tags the
 * request before, as the response filters may come too late.)
 */
public class JournalTags {

    @Inject
    Caller caller;

    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void tag(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource, UriInfo uri,
            RoutingContext rc) {
        JournalRecorder.tag(rc, ApiCall.of(request.getMethod(), resource, uri, caller.authenticatedTenant()));
        if (response.getEntity() instanceof ErrorBody error) {
            JournalRecorder.recordErrorBody(rc, Json.encode(error));
        }
    }
}
