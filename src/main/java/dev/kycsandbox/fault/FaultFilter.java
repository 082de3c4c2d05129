package dev.kycsandbox.fault;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.kycsandbox.api.ApiCall;
import dev.kycsandbox.api.ErrorBody;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.RequestIdFilter;
import dev.kycsandbox.auth.Caller;
import dev.kycsandbox.journal.JournalRecorder;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the fault rules to connectFi's API, once the REST layer has matched a request and its
 * token is checked (so a rule can name a tenant): after the request filters that authenticate,
 * before the resource runs. A fault that answers here stores nothing: an upload's received file
 * is discarded with the request. A {@code storedThenFailed} rule lets the resource run and commit,
 * and replaces the answer afterwards. Every faulted answer names its rule in
 * {@value JournalRecorder#FAULT_HEADER}.
 */
public class FaultFilter {

    private static final String FIRED = FaultFilter.class.getName() + ".fired";

    @Inject
    FaultRules rules;

    @Inject
    FaultConfig config;

    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.USER + 10)
    public Uni<Response> inject(ContainerRequestContext request, ResourceInfo resource, UriInfo uri, RoutingContext rc) {
        if (rules.isEmpty() || !ApiCall.isConnectFi(rc.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Optional<FaultRule> fired = rules.fire(ApiCall.of(request.getMethod(), resource, uri, caller.authenticatedTenant()));
        if (fired.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        FaultRule rule = fired.get();
        request.setProperty(FIRED, rule);
        rc.response().putHeader(JournalRecorder.FAULT_HEADER, rule.id);
        Uni<Void> delayed = delay(rule.latency());
        return switch (rule.action) {
            case LATENCY -> delayed.replaceWith((Response) null);
            case ERROR -> rule.storedThenFailed ? delayed.replaceWith((Response) null)
                    : delayed.replaceWith(() -> errorAnswer(rule, RequestIdFilter.of(rc)));
            case RESET -> rule.storedThenFailed ? delayed.replaceWith((Response) null)
                    : delayed.replaceWith(() -> reset(rc, rule));
            case STALL -> delayed.chain(() -> delay(rule.stallMs != null ? Duration.ofMillis(rule.stallMs) : config.maxStall()))
                    .replaceWith(() -> reset(rc, rule));
        };
    }

    /** The stored-then-failed half: the request ran and committed; a success is now answered as the rule says. */
    @ServerResponseFilter
    public void failAfterCommit(ContainerRequestContext request, ContainerResponseContext response, RoutingContext rc) {
        if (!(request.getProperty(FIRED) instanceof FaultRule rule)) {
            return;
        }
        response.getHeaders().putSingle(JournalRecorder.FAULT_HEADER, rule.id);
        if (!rule.storedThenFailed || response.getStatus() >= 300) {
            return;
        }
        if (rule.action == FaultAction.RESET) {
            JournalRecorder.markReset(rc);
            rc.response().reset();
            return;
        }
        Response answer = errorAnswer(rule, RequestIdFilter.of(rc));
        response.setStatus(answer.getStatus());
        response.setEntity(answer.getEntity());
        response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
        if (answer.getHeaderString("Retry-After") != null) {
            response.getHeaders().putSingle("Retry-After", answer.getHeaderString("Retry-After"));
        }
    }

    private static Uni<Void> delay(Duration duration) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return duration.isZero() ? now : now.onItem().delayIt().by(duration);
    }

    private static Response errorAnswer(FaultRule rule, String requestId) {
        ErrorCode code = switch (rule.status) {
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        Response.ResponseBuilder answer = Response.status(rule.status)
                .type(MediaType.APPLICATION_JSON)
                .header(JournalRecorder.FAULT_HEADER, rule.id)
                .entity(new ErrorBody(requestId, code.code(), null, "Fault injected by the sandbox (rule " + rule.id + ")"));
        if (rule.status != 500) {
            answer.header("Retry-After", rule.retryAfterSeconds);
        }
        return answer.build();
    }

    /** Closes the connection (resets an HTTP/2 stream) with no answer; the REST layer's late write goes nowhere. */
    private static Response reset(RoutingContext rc, FaultRule rule) {
        JournalRecorder.markReset(rc);
        rc.response().reset();
        return errorAnswer(rule, RequestIdFilter.of(rc));
    }
}
