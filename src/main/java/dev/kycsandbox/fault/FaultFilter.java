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
import io.vertx.core.http.HttpVersion;
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
        ApiCall call = ApiCall.of(request.getMethod(), resource, uri, caller.authenticatedTenant());
        if (rules.namesACustomer()) {
            call = call.withCustomerOf(rc.body());
        }
        Optional<FaultRule> fired = rules.fire(call);
        if (fired.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        FaultRule rule = fired.get();
        request.setProperty(FIRED, rule);
        JournalRecorder.tag(rc, call);
        rc.response().putHeader(JournalRecorder.FAULT_HEADER, rule.id);
        Uni<Void> delayed = delay(rule.latency());
        return switch (rule.action) {
            case LATENCY -> delayed.replaceWith((Response) null);
            case ERROR -> rule.storedThenFailed ? delayed.replaceWith((Response) null)
                    : delayed.replaceWith(() -> errorAnswer(rule, RequestIdFilter.of(rc)));
            case RESET -> rule.storedThenFailed ? delayed.replaceWith((Response) null)
                    : delayed.chain(() -> cut(rc)).replaceWith(() -> errorAnswer(rule, RequestIdFilter.of(rc)));
            case STALL -> delayed.chain(() -> delay(rule.stallMs != null ? Duration.ofMillis(rule.stallMs) : config.maxStall()))
                    .chain(() -> cut(rc)).replaceWith(() -> errorAnswer(rule, RequestIdFilter.of(rc)));
        };
    }

    /** The stored-then-failed half: the request ran and committed; a success is now answered as the rule says. */
    @ServerResponseFilter
    public Uni<Void> failAfterCommit(ContainerRequestContext request, ContainerResponseContext response, RoutingContext rc) {
        if (!(request.getProperty(FIRED) instanceof FaultRule rule)) {
            return Uni.createFrom().voidItem();
        }
        response.getHeaders().putSingle(JournalRecorder.FAULT_HEADER, rule.id);
        if (!rule.storedThenFailed || response.getStatus() >= 300) {
            return Uni.createFrom().voidItem();
        }
        if (rule.action == FaultAction.RESET) {
            return cut(rc);
        }
        Response answer = errorAnswer(rule, RequestIdFilter.of(rc));
        response.setStatus(answer.getStatus());
        response.setEntity(answer.getEntity());
        response.getHeaders().putSingle("Content-Type", MediaType.APPLICATION_JSON);
        if (answer.getHeaderString("Retry-After") != null) {
            response.getHeaders().putSingle("Retry-After", answer.getHeaderString("Retry-After"));
        }
        return Uni.createFrom().voidItem();
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

    /**
     * Closes the connection with no answer (resets the stream, over HTTP/2), and completes once it
     * is closed: only then may the REST layer go on, its answer then written nowhere. (Resetting
     * while the answer is on its way could let the answer out first.)
     */
    private static Uni<Void> cut(RoutingContext rc) {
        JournalRecorder.markReset(rc);
        if (rc.request().version() == HttpVersion.HTTP_2) {
            rc.response().reset();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> rc.request().connection().close().toCompletionStage());
    }
}
